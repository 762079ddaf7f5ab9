package io.tiered.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes Redis tier factories.
 *
 * <pre>{@code
 * RedisTierFactory shared = RedisTiers.builder(client)
 *     .prefix("prices")                          // default "tiered"
 *     .commandTimeout(Duration.ofMillis(100))    // default 250 ms
 *     .skipAfterTimeout(Duration.ofSeconds(1))   // default 1 s
 *     .leases(Duration.ofMillis(500))            // default 500 ms; Duration.ZERO: off
 *     .build();
 * TieredRuntime runtime = TieredRuntime.builder().tier("shared", shared).build();
 * }</pre>
 *
 * <p>Keys, and values unless {@link Builder#codec} says otherwise, are JSON written by Jackson:
 * Jackson 3 ({@code tools.jackson.core:jackson-databind}, Spring Boot 4's) when it is on the class
 * path, else Jackson 2 ({@code com.fasterxml.jackson.core:jackson-databind} with
 * {@code jackson-datatype-jdk8} and {@code jackson-datatype-jsr310}); {@code tiered-redis} brings
 * neither, so add one. Both write the same keys and entries, so a fleet can move from one to the
 * other an instance at a time.
 *
 * <p>Instances that should share entries and invalidations use the same Redis and prefix. The
 * client stays the caller's: keep Lettuce's auto-reconnect on (its default) so the tier comes back
 * after an outage, and consider a short {@code ClientResources.reconnectDelay} so it comes back
 * soon; the tier does not change the client's options.
 */
public final class RedisTiers {
  /** The default key prefix. */
  public static final String DEFAULT_PREFIX = "tiered";

  /** The default bound on each Redis command. */
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(250);

  /** How long, by default, the tier is skipped after a command found no reply in time. */
  public static final Duration DEFAULT_SKIP_AFTER_TIMEOUT = Duration.ofSeconds(1);

  /**
   * How long, by default, a miss waits for the instance that holds the key's lease to fill it
   * before loading itself: leases are on by default (see {@link Builder#leases(Duration)}).
   */
  public static final Duration DEFAULT_LEASE_MAX_WAIT = Duration.ofMillis(500);

  /** How long, by default, a lease outlives a holder that never fills it (one that died). */
  public static final Duration DEFAULT_LEASE_TIME = Duration.ofSeconds(10);

  private RedisTiers() {}

  /**
   * {@return a factory with the default prefix, timeout and JSON codec}
   *
   * @param client the client whose default URI names the Redis to use
   */
  public static RedisTierFactory factory(RedisClient client) {
    return builder(client).build();
  }

  /**
   * {@return a builder for a factory on {@code client}}
   *
   * @param client the client whose default URI names the Redis to use
   */
  public static Builder builder(RedisClient client) {
    return new Builder(new ServerTopology(Objects.requireNonNull(client, "client")));
  }

  /**
   * {@return a factory on a Redis Cluster with the default prefix, timeout and JSON codec}
   *
   * @param client the client whose seed URIs name the cluster
   */
  public static RedisTierFactory factory(RedisClusterClient client) {
    return builder(client).build();
  }

  /**
   * {@return a builder for a factory on the Redis Cluster of {@code client}} Keys spread over the
   * cluster's slots (no hash tag pins a cache to one slot), invalidations travel over sharded
   * pub/sub on {@value ShardedInvalidationBus#CHANNELS} hash-tagged channels, and a clear scans
   * every master. Let the client refresh its topology (adaptive triggers) so that a master that
   * moves or restarts is found again; the tier does not change the client's options.
   *
   * @param client the client whose seed URIs name the cluster
   */
  public static Builder builder(RedisClusterClient client) {
    return new Builder(new ClusterTopology(Objects.requireNonNull(client, "client")));
  }

  /**
   * {@return a new Jackson 2 mapper configured as the default codec's} It has {@code Optional}
   * and {@code java.time} support, and ignores unknown properties so that instances running the
   * previous version of a value class during a rolling deploy can still read the entries the new
   * version writes. Start from it to register modules of your own. Needs
   * {@code com.fasterxml.jackson.core:jackson-databind}, {@code jackson-datatype-jdk8} and
   * {@code jackson-datatype-jsr310}.
   */
  public static ObjectMapper defaultObjectMapper() {
    return Jackson2.defaultMapper();
  }

  /**
   * {@return a new Jackson 3 mapper configured as the default codec's} Jackson 3 reads
   * {@code Optional} and {@code java.time} without modules; this one also ignores unknown
   * properties (for rolling deploys, as {@link #defaultObjectMapper()}), reads a null as a
   * primitive's default, and writes and reads enums by name, as Jackson 2 does, so that instances
   * on either share values. Start from it ({@code rebuild()}) to register modules of your own.
   * Needs {@code tools.jackson.core:jackson-databind}.
   */
  public static JsonMapper defaultJsonMapper() {
    return Jackson3.defaultMapper();
  }

  /** Configures a {@link RedisTierFactory}. */
  public static final class Builder {
    private final Topology<?> topology;
    private String prefix = DEFAULT_PREFIX;
    private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
    private Duration skipAfterTimeout = DEFAULT_SKIP_AFTER_TIMEOUT;
    /** The mapper set, made into keys and values at {@link #build}; null: the default one. */
    private @Nullable Supplier<Jacksons.Mapper> mapper;
    private @Nullable Codec codec;
    private Duration leaseMaxWait = DEFAULT_LEASE_MAX_WAIT;
    private Duration leaseTime = DEFAULT_LEASE_TIME;

    private Builder(Topology<?> topology) {
      this.topology = topology;
    }

    /**
     * Sets the first part of every key and of the invalidation channel
     * ({@code <prefix>:invalidations}).
     *
     * @param prefix not blank and without {@code :}, so that no prefix's keys fall within
     *     another's; default {@value RedisTiers#DEFAULT_PREFIX}
     * @return this builder
     */
    public Builder prefix(String prefix) {
      Objects.requireNonNull(prefix, "prefix");
      if (prefix.isBlank() || prefix.contains(":")) {
        throw new IllegalArgumentException("prefix must be non-blank and contain no ':', was '"
            + prefix + "'");
      }
      this.prefix = prefix;
      return this;
    }

    /**
     * Sets the longest any caller waits for one Redis command.
     *
     * @param timeout positive; default 250 ms
     * @return this builder
     */
    public Builder commandTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("commandTimeout must be positive, was " + timeout);
      }
      this.commandTimeout = timeout;
      return this;
    }

    /**
     * Sets how long the tier is skipped (a miss, a skipped write, a remembered invalidation) after
     * a command found no reply within the timeout. A frozen Redis then costs one timeout a period,
     * not one per command; the first command after the period tries it again.
     *
     * @param period zero (never skip) or positive; default 1 s
     * @return this builder
     */
    public Builder skipAfterTimeout(Duration period) {
      Objects.requireNonNull(period, "period");
      if (period.isNegative()) {
        throw new IllegalArgumentException("skipAfterTimeout must be zero (never skip) or positive,"
            + " such as Duration.ofSeconds(1); was " + period);
      }
      this.skipAfterTimeout = period;
      return this;
    }

    /**
     * Sets the Jackson 2 mapper that encodes keys, and values unless {@link #codec} replaces the
     * default codec; replaces a {@link #jsonMapper}. Keys are written by a copy of it that sorts
     * properties and map entries, and writes enums by name and {@code java.time} values as
     * ISO-8601 strings, whatever it is configured to do, so that every JVM writes a key alike.
     * Every instance sharing a prefix must encode keys alike, so configure it the same way
     * everywhere. Never enable default typing on it.
     *
     * @param mapper the mapper; default {@link RedisTiers#defaultJsonMapper()} with Jackson 3 on
     *     the class path, else {@link RedisTiers#defaultObjectMapper()}
     * @return this builder
     */
    public Builder objectMapper(ObjectMapper mapper) {
      Objects.requireNonNull(mapper, "mapper");
      this.mapper = () -> Jackson2.of(mapper);
      return this;
    }

    /**
     * Sets the Jackson 3 mapper that encodes keys, and values unless {@link #codec} replaces the
     * default codec ({@link Codec#jackson3}); replaces an {@link #objectMapper}. Under Spring
     * Boot 4, the application's {@code JsonMapper}, so that its modules and mix-ins apply. Keys
     * are written by a copy of it as {@link #objectMapper} says, and alike with either Jackson.
     * Never enable default typing on it.
     *
     * @param mapper the mapper; default {@link RedisTiers#defaultJsonMapper()} with Jackson 3 on
     *     the class path, else {@link RedisTiers#defaultObjectMapper()}
     * @return this builder
     */
    public Builder jsonMapper(JsonMapper mapper) {
      Objects.requireNonNull(mapper, "mapper");
      this.mapper = () -> Jackson3.of(mapper);
      return this;
    }

    /**
     * Sets how values are stored. Keys are still written by the {@link #jsonMapper} or
     * {@link #objectMapper}, or the default one.
     *
     * @param codec the codec; default {@link Codec#jackson3} or {@link Codec#jackson} with the
     *     {@link #jsonMapper} or {@link #objectMapper}
     * @return this builder
     */
    public Builder codec(Codec codec) {
      this.codec = Objects.requireNonNull(codec, "codec");
      return this;
    }

    /**
     * Sets cross-instance single flight: an instance that misses Redis takes a lease on the key
     * and only it calls the origin; other instances poll Redis for its value for up to
     * {@code maxWait}, then load themselves. The holder's write lands only while it still holds
     * the lease, and an invalidate removes the lease with the value: a load that began before an
     * invalidate never lands after it, in Redis or in any L1 (its callers still get its value).
     * A lease lasts {@link RedisTiers#DEFAULT_LEASE_TIME} at most, for a holder that dies.
     * Bulk reads take no leases. Needs Redis 7.0 or later ({@code SET NX GET}).
     *
     * @param maxWait zero (leases off) or positive; default
     *     {@link RedisTiers#DEFAULT_LEASE_MAX_WAIT}
     * @return this builder
     */
    public Builder leases(Duration maxWait) {
      return leases(maxWait, leaseTime);
    }

    /**
     * As {@link #leases(Duration)}, with the longest a lease lasts: a holder whose load takes
     * longer loses its lease, and its value is then written to no tier.
     *
     * @param maxWait zero (leases off) or positive
     * @param leaseTime at least 1 ms; default
     *     {@link RedisTiers#DEFAULT_LEASE_TIME}
     * @return this builder
     */
    public Builder leases(Duration maxWait, Duration leaseTime) {
      Objects.requireNonNull(maxWait, "maxWait");
      Objects.requireNonNull(leaseTime, "leaseTime");
      if (maxWait.isNegative()) {
        throw new IllegalArgumentException("leases: maxWait must be zero (leases off) or"
            + " positive, such as Duration.ofMillis(500); was " + maxWait);
      }
      if (leaseTime.toMillis() <= 0) {
        throw new IllegalArgumentException("leases: leaseTime must be at least 1 ms, such as"
            + " Duration.ofSeconds(10); was " + leaseTime);
      }
      this.leaseMaxWait = maxWait;
      this.leaseTime = leaseTime;
      return this;
    }

    /**
     * Opens the factory's connections. When Redis cannot be reached now, the factory is still
     * returned: its tiers count as misses, and it keeps trying to connect in the background.
     *
     * @return the factory, to bind with {@code TieredRuntime.Builder.tier(name, factory)}
     * @throws IllegalStateException when no mapper was set and neither Jackson 3 nor Jackson 2 is
     *     on the class path; the message names the dependency to add
     */
    public RedisTierFactory build() {
      Jacksons.Mapper json = mapper != null ? mapper.get() : Jacksons.defaultMapper();
      Codec values = codec != null ? codec : json.values();
      return new SharedRedisFactory(topology, new FactorySettings(prefix, commandTimeout,
          skipAfterTimeout, json.keys(), values, leaseMaxWait, leaseTime));
    }
  }
}
