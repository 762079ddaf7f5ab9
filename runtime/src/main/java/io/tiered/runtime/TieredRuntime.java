package io.tiered.runtime;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Everything generated proxies share: the tiers bound to {@code @Fallback} names, the clock, the
 * telemetry listeners, the refresh executor and the insert policy.
 *
 * <pre>{@code
 * try (TieredRuntime runtime = TieredRuntime.builder()
 *     .tier("shared", Tiers.memory())
 *     .listener(event -> log(event))
 *     .build()) {
 *   PriceService prices = new TieredPriceService(origin, runtime);
 * }
 * }</pre>
 *
 * <p>Closing the runtime stops background refreshes (the default executor's virtual threads are
 * interrupted, and no new refresh is scheduled); the caches keep answering from their tiers and
 * the origin. Closing does not close the tiers' clients, which the caller owns.
 */
public final class TieredRuntime implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(TieredRuntime.class.getName());

  /** How many background refreshes run at once unless the builder says otherwise. */
  public static final int DEFAULT_REFRESH_CONCURRENCY = 64;

  private final Map<String, TierFactory> tiers;
  private final InstantSource clock;
  private final @Nullable CacheEventListener listener;
  private final Executor refreshExecutor;
  private final @Nullable ExecutorService ownedExecutor;
  private final InsertPolicy insertPolicy;
  private final RefreshPermits refreshPermits;
  private final boolean shared;
  private final AtomicLong requestIds = new AtomicLong();
  private volatile boolean closed;

  private TieredRuntime(Builder builder, boolean shared) {
    this.tiers = Map.copyOf(builder.tiers);
    this.clock = builder.clock;
    this.listener = compose(List.copyOf(builder.listeners));
    this.ownedExecutor = builder.refreshExecutor == null
        ? Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("tiered-refresh-", 0).factory())
        : null;
    this.refreshExecutor = builder.refreshExecutor == null ? ownedExecutor : builder.refreshExecutor;
    this.insertPolicy = builder.insertPolicy;
    this.refreshPermits = new RefreshPermits(builder.refreshConcurrency);
    this.shared = shared;
  }

  /** A builder with the system clock, no fallback tiers, no listener and virtual-thread refreshes. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The process-wide runtime that {@code TieredX.wrap(origin)} uses: system clock, no listener,
   * no fallback tiers bound. Closing it has no effect.
   */
  public static TieredRuntime defaults() {
    return Defaults.INSTANCE;
  }

  /** Builds the cache of one method whose origin answers synchronously. */
  public <K, V> TieredCache<K, V> cache(CacheDefinition<K, V> definition, Loader<K, V> loader) {
    return build(definition, Origin.of(loader));
  }

  /** Builds the cache of one method whose origin answers with a future. */
  public <K, V> TieredCache<K, V> asyncCache(CacheDefinition<K, V> definition,
      AsyncLoader<K, V> loader) {
    return build(definition, Origin.of(loader));
  }

  private <K, V> TieredCache<K, V> build(CacheDefinition<K, V> definition, Origin<K, V> origin) {
    Objects.requireNonNull(definition, "definition");
    List<String> tierNames = new ArrayList<>();
    tierNames.add(CacheEvent.L1);
    definition.fallbacks().forEach(fallback -> tierNames.add(fallback.tier()));
    Telemetry telemetry = new Telemetry(definition.name(), tierNames, listener, requestIds);

    List<Level<K, V>> levels = new ArrayList<>();
    List<DeferredUpstream<K>> upstreams = new ArrayList<>();
    LocalTier<K, V> l1 = new LocalTier<>(
        spec(definition, CacheEvent.L1, definition.ttl(), definition.maximumSize(), telemetry, 0,
            TierSpec.Upstream.none()),
        definition.refreshAfter() != null);
    levels.add(new Level<>(CacheEvent.L1, l1, definition.ttl(), true));
    for (FallbackTier fallback : definition.fallbacks()) {
      TierFactory factory = tiers.get(fallback.tier());
      if (factory == null) {
        throw unboundTier(definition, fallback.tier());
      }
      DeferredUpstream<K> upstream = new DeferredUpstream<>(levels.size());
      upstreams.add(upstream);
      TierSpec<K, V> spec = spec(definition, fallback.tier(), fallback.ttl(), 0, telemetry,
          levels.size(), upstream);
      CacheTier<K, V> tier = Objects.requireNonNull(factory.create(spec),
          () -> "TierFactory for '" + fallback.tier() + "' returned null for " + definition.name());
      levels.add(new Level<>(fallback.tier(), tier, fallback.ttl(), fallback.promote()));
    }
    TieredCacheEngine<K, V> engine =
        new TieredCacheEngine<>(definition, l1, levels, origin, this, telemetry);
    upstreams.forEach(upstream -> upstream.bind(engine));
    return engine;
  }

  /** A tier's upstream, which exists only once the engine the tier is part of does. */
  private static final class DeferredUpstream<K> implements TierSpec.Upstream<K> {
    private final int level;
    private volatile TierSpec.Upstream<K> target = TierSpec.Upstream.none();

    DeferredUpstream(int level) {
      this.level = level;
    }

    void bind(TieredCacheEngine<K, ?> engine) {
      target = engine.upstreamOf(level);
    }

    @Override
    public void invalidate(K key) {
      target.invalidate(key);
    }

    @Override
    public void invalidateAll() {
      target.invalidateAll();
    }
  }

  private <K, V> TierSpec<K, V> spec(CacheDefinition<K, V> definition, String tier,
      @Nullable Duration ttl, long maximumSize, Telemetry telemetry, int level,
      TierSpec.Upstream<K> upstream) {
    TierSpec.EvictionListener<K> evictions = (key, expired) -> {
      telemetry.tier(level).evictions.increment();
      telemetry.tierEvent(
          expired ? CacheEvent.Kind.EXPIRED : CacheEvent.Kind.EVICTED, level, 0, 0);
    };
    return new TierSpec<>(definition.name(), tier, definition.keyType(), definition.valueType(),
        ttl, maximumSize, clock, evictions, upstream);
  }

  private IllegalStateException unboundTier(CacheDefinition<?, ?> definition, String tier) {
    String bound = tiers.isEmpty() ? "no tiers are bound" : "bound tiers: " + tiers.keySet();
    return new IllegalStateException(definition.describe() + " declares @Fallback(tier = \""
        + tier + "\"), but no tier named '" + tier + "' is bound in this TieredRuntime ("
        + bound + "). Bind it when building the runtime: TieredRuntime.builder().tier(\"" + tier
        + "\", Tiers.memory()) for an in-process tier, or a remote factory such as"
        + " RedisTiers.factory(client).");
  }

  /** The clock every cache of this runtime reads. */
  public InstantSource clock() {
    return clock;
  }

  Executor refreshExecutor() {
    return refreshExecutor;
  }

  RefreshPermits refreshPermits() {
    return refreshPermits;
  }

  InsertPolicy insertPolicy() {
    return insertPolicy;
  }

  boolean isClosed() {
    return closed;
  }

  /** Stops background refreshes; idempotent. Has no effect on {@link #defaults()}. */
  @Override
  public void close() {
    if (shared) {
      return;
    }
    closed = true;
    if (ownedExecutor != null) {
      ownedExecutor.shutdownNow();
    }
  }

  private static @Nullable CacheEventListener compose(List<CacheEventListener> listeners) {
    return switch (listeners.size()) {
      case 0 -> null;
      case 1 -> listeners.get(0);
      default -> event -> {
        for (CacheEventListener each : listeners) {
          try {
            each.onEvent(event);
          } catch (Throwable failure) {
            LOG.log(System.Logger.Level.WARNING, "CacheEventListener " + each + " threw", failure);
          }
        }
      };
    };
  }

  /** Configures a {@link TieredRuntime}. */
  public static final class Builder {
    private final Map<String, TierFactory> tiers = new LinkedHashMap<>();
    private InstantSource clock = InstantSource.system();
    private final List<CacheEventListener> listeners = new ArrayList<>();
    private @Nullable Executor refreshExecutor;
    private InsertPolicy insertPolicy = InsertPolicy.ALWAYS;
    private int refreshConcurrency = DEFAULT_REFRESH_CONCURRENCY;

    private Builder() {}

    /** Binds the {@code @Fallback(tier = name)} tiers of every proxy to {@code factory}. */
    public Builder tier(String name, TierFactory factory) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(factory, "factory");
      if (name.isBlank() || name.equals(CacheEvent.L1) || name.equals(CacheEvent.ORIGIN)) {
        throw new IllegalArgumentException("Tier name '" + name + "' is blank or reserved ('"
            + CacheEvent.L1 + "', '" + CacheEvent.ORIGIN + "'); use the name your @Fallback declares");
      }
      if (tiers.putIfAbsent(name, factory) != null) {
        throw new IllegalArgumentException("Tier '" + name + "' is already bound; bind each name once");
      }
      return this;
    }

    /** The source of time for ttl and refresh; a {@code ManualClock} in tests. */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Adds a listener for every cache event; may be called several times. */
    public Builder listener(CacheEventListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Runs background refreshes on {@code executor} instead of a new virtual thread each. The
     * runtime does not shut a given executor down on close.
     */
    public Builder refreshExecutor(Executor executor) {
      this.refreshExecutor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * The most background refreshes that call the fallback tiers and origin at once, across
     * every cache of the runtime; more wait their turn (reads never wait). Default
     * {@value TieredRuntime#DEFAULT_REFRESH_CONCURRENCY}.
     */
    public Builder refreshConcurrency(int refreshConcurrency) {
      if (refreshConcurrency <= 0) {
        throw new IllegalArgumentException("refreshConcurrency must be positive, was "
            + refreshConcurrency + "; the default is " + DEFAULT_REFRESH_CONCURRENCY);
      }
      this.refreshConcurrency = refreshConcurrency;
      return this;
    }

    /** Decides which values are written to which tier; by default all are. */
    public Builder insertPolicy(InsertPolicy policy) {
      this.insertPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    public TieredRuntime build() {
      return new TieredRuntime(this, false);
    }
  }

  private static final class Defaults {
    static final TieredRuntime INSTANCE = new TieredRuntime(new Builder(), true);
  }
}
