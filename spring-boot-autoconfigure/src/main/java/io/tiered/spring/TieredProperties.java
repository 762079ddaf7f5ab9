package io.tiered.spring;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code tiered.*} properties.
 *
 * @param enabled Whether beans that implement an interface with a generated Tiered proxy are
 *     wrapped in it.
 * @param excludedBeans Names of beans never wrapped, such as one of two beans of the same cached
 *     interface.
 * @param requireProxies Whether a bean of an interface that carries @Tiered, but whose proxy was
 *     never generated (tiered-processor did not run), fails the start. false: a WARN, and the bean
 *     runs uncached.
 * @param refreshConcurrency The most background refreshes that call fallback tiers and origins at
 *     once, across every cache; more wait their turn. Unset: the runtime's default (64).
 * @param redis The Redis tier.
 */
@ConfigurationProperties("tiered")
public record TieredProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue List<String> excludedBeans,
    @DefaultValue("true") boolean requireProxies,
    @Nullable Integer refreshConcurrency,
    @DefaultValue Redis redis) {

  /** Copies the excluded bean names, so the properties stay immutable. */
  public TieredProperties {
    excludedBeans = List.copyOf(excludedBeans);
  }

  /**
   * The Redis tier, built on Boot's Redis connection ({@code spring.data.redis.*}).
   *
   * @param tier The @Fallback tier name bound to Redis, such as "shared". No Redis tier when
   *     unset.
   * @param prefix First part of every key and of the invalidation channel. Instances that share
   *     entries use the same one.
   * @param commandTimeout Longest a cache call waits for one Redis command.
   * @param skipAfterTimeout How long the tier is skipped (reads miss, writes are skipped) after a
   *     command found no reply in time, so that a frozen Redis costs one timeout a period rather
   *     than one a call. 0 never skips.
   * @param leaseMaxWait Cross-instance single flight: how long an instance that misses Redis
   *     waits for the instance holding the key's lease to fill it, before loading itself. 0 turns
   *     leases off (needed for Redis before 7.0).
   * @param leaseTime Longest a lease lasts, for a holder that dies mid-load.
   */
  public record Redis(
      @Nullable String tier,
      @DefaultValue("tiered") String prefix,
      @DefaultValue("250ms") Duration commandTimeout,
      @DefaultValue("1s") Duration skipAfterTimeout,
      @DefaultValue("500ms") Duration leaseMaxWait,
      @DefaultValue("10s") Duration leaseTime) {}
}
