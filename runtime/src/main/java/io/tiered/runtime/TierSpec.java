package io.tiered.runtime;

import java.lang.reflect.Type;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link TierFactory} needs to make a tier for one cached method.
 *
 * @param cacheName the cache's unique name, such as {@code PriceService.price}; a remote tier uses
 *     it as the key namespace so that keys of different methods never collide
 * @param tierName the name the tier is bound under ({@code l1} for the in-process tier)
 * @param keyType the key's full generic type, generated at compile time
 * @param valueType the value's full generic type (such as {@code List<Price>}), for codecs
 * @param ttl how long entries live in this tier; null when they do not expire
 * @param maximumSize the most entries the tier should hold; 0 when unbounded (a remote tier)
 * @param clock the runtime's clock; tiers that expire entries must read time from it
 * @param evictions told when the tier drops an entry on its own (size or expiry)
 * @param upstream drops entries from the tiers in front of this one (L1 and earlier fallbacks):
 *     a shared tier calls it when it learns that another instance invalidated a key, so this
 *     instance stops serving its local copy
 * @param staleFor how much longer than {@code ttl} the tier should keep an entry, so that it can
 *     be served stale when the origin fails ({@code @StaleIfError}); {@link Duration#ZERO} when
 *     not. A tier that expires entries keeps each until its expiry plus this; the engine, not the
 *     tier, judges whether an entry read is fresh
 * @param tags the tags each key's entries carry ({@code @Tag}); {@link KeyTags#none()} when the
 *     cache has none. A shared tier must never return an entry written by a load or put that
 *     began before one of its key's tags was invalidated on any instance ({@link
 *     TierFactory#invalidateTag}); in-process tiers need do nothing, the engine checks what they
 *     hold
 * @param <K> the cache's key type
 * @param <V> the cache's value type
 */
public record TierSpec<K, V>(
    String cacheName,
    String tierName,
    Type keyType,
    Type valueType,
    @Nullable Duration ttl,
    long maximumSize,
    InstantSource clock,
    EvictionListener<K> evictions,
    Upstream<K> upstream,
    Duration staleFor,
    KeyTags<K> tags) {

  /**
   * A spec for a tier of a cache whose entries carry no tags.
   *
   * @param cacheName the cache's unique name
   * @param tierName the name the tier is bound under
   * @param keyType the key's full generic type
   * @param valueType the value's full generic type
   * @param ttl how long entries live in this tier; null when they do not expire
   * @param maximumSize the most entries the tier should hold; 0 when unbounded
   * @param clock the runtime's clock
   * @param evictions told when the tier drops an entry on its own
   * @param upstream drops entries from the tiers in front of this one
   * @param staleFor how much longer than {@code ttl} the tier should keep an entry
   */
  public TierSpec(String cacheName, String tierName, Type keyType, Type valueType,
      @Nullable Duration ttl, long maximumSize, InstantSource clock,
      EvictionListener<K> evictions, Upstream<K> upstream, Duration staleFor) {
    this(cacheName, tierName, keyType, valueType, ttl, maximumSize, clock, evictions, upstream,
        staleFor, KeyTags.none());
  }

  /**
   * A spec for a tier that keeps no entry past its ttl ({@code staleFor} zero).
   *
   * @param cacheName the cache's unique name
   * @param tierName the name the tier is bound under
   * @param keyType the key's full generic type
   * @param valueType the value's full generic type
   * @param ttl how long entries live in this tier; null when they do not expire
   * @param maximumSize the most entries the tier should hold; 0 when unbounded
   * @param clock the runtime's clock
   * @param evictions told when the tier drops an entry on its own
   * @param upstream drops entries from the tiers in front of this one
   */
  public TierSpec(String cacheName, String tierName, Type keyType, Type valueType,
      @Nullable Duration ttl, long maximumSize, InstantSource clock,
      EvictionListener<K> evictions, Upstream<K> upstream) {
    this(cacheName, tierName, keyType, valueType, ttl, maximumSize, clock, evictions, upstream,
        Duration.ZERO);
  }

  /**
   * Checks that every component but {@code ttl} is given.
   *
   * @throws IllegalArgumentException if {@code maximumSize} or {@code staleFor} is negative
   */
  public TierSpec {
    Objects.requireNonNull(cacheName, "cacheName");
    Objects.requireNonNull(tierName, "tierName");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(evictions, "evictions");
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(staleFor, "staleFor");
    Objects.requireNonNull(tags, "tags");
    if (staleFor.isNegative()) {
      throw new IllegalArgumentException(cacheName + ": staleFor must not be negative");
    }
    if (maximumSize < 0) {
      throw new IllegalArgumentException(cacheName + ": maximumSize must not be negative");
    }
  }

  /**
   * {@return the milliseconds this tier should keep {@code entry} from {@code nowMillis}: to its
   * expiry plus {@link #staleFor()}; {@code Long.MAX_VALUE} when it does not expire, 0 or less
   * when it is already past} For a tier that sets an expiry on each entry it stores.
   *
   * @param entry the entry being stored
   * @param nowMillis the current time, as {@link #clock()} reads it
   */
  public long retainMillis(CacheEntry<?> entry, long nowMillis) {
    if (entry.expiresAt().isEmpty()) {
      return Long.MAX_VALUE;
    }
    long untilExpiry = entry.expiresAt().get().toEpochMilli() - nowMillis;
    return untilExpiry + staleFor.toMillis();
  }

  /**
   * Receives entries a tier dropped on its own, so telemetry can count them; not invalidations or
   * overwrites.
   *
   * @param <K> the cache's key type
   */
  @FunctionalInterface
  public interface EvictionListener<K> {
    /**
     * Told that the tier dropped {@code key} on its own.
     *
     * @param key the dropped entry's key
     * @param expired true when the entry expired, false when it was dropped to respect the size
     *     bound
     */
    void onEviction(K key, boolean expired);

    /**
     * {@return a listener that ignores evictions: for a tier used on its own}
     *
     * @param <K> the key type
     */
    static <K> EvictionListener<K> none() {
      return (key, expired) -> {};
    }
  }

  /**
   * The tiers in front of a tier. Calling it never reaches the calling tier or the ones behind
   * it, so a tier that relays invalidations from other instances does not relay them back. Calls
   * made while the cache is still being built do nothing: no tier in front holds anything yet.
   *
   * @param <K> the cache's key type
   */
  public interface Upstream<K> {
    /**
     * Drops {@code key} from the tiers in front, and forgets any load of it in flight.
     *
     * @param key the key another instance invalidated
     */
    void invalidate(K key);

    /**
     * Drops each of {@code keys} from the tiers in front, in one batch per tier, and forgets their
     * loads in flight.
     *
     * @param keys the keys another instance invalidated together
     */
    default void invalidateAll(Iterable<? extends K> keys) {
      for (K key : keys) {
        invalidate(key);
      }
    }

    /** Drops every key from the tiers in front, and forgets every load in flight. */
    void invalidateAll();

    /**
     * Makes every entry carrying {@code tag} invalid in this runtime, in every cache and tier, and
     * every load of such an entry in flight: a shared tier calls it when it learns that another
     * instance invalidated the tag ({@link TierFactory#invalidateTag}). Nothing by default.
     *
     * @param tag the tag another instance invalidated
     */
    default void invalidateTag(String tag) {}

    /**
     * {@return an upstream with no tier in front, whose calls do nothing: for a tier used on its
     * own}
     *
     * @param <K> the key type
     */
    static <K> Upstream<K> none() {
      return new Upstream<>() {
        @Override
        public void invalidate(K key) {}

        @Override
        public void invalidateAll() {}
      };
    }
  }
}
