package io.tiered.runtime;

import io.tiered.runtime.internal.CacheDefinition;
import io.tiered.runtime.internal.FallbackDefinition;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Builds the cache of one method from its definition: L1, the fallback tiers bound by name, the
 * counters, the engine, and the link from each tier back to the tiers in front of it.
 */
final class CacheAssembler {
  private final Map<String, TierFactory> tiers;
  private final InstantSource clock;
  private final Listeners listeners;
  private final InsertPolicy insertPolicy;
  private final RefreshScheduler refreshes;
  private final @Nullable TieredInstrumentation instrumentation;
  private final AtomicLong requestIds = new AtomicLong();
  private final TagRegistry tags;

  CacheAssembler(Map<String, TierFactory> tiers, InstantSource clock, Listeners listeners,
      InsertPolicy insertPolicy, RefreshScheduler refreshes,
      @Nullable TieredInstrumentation instrumentation, TagRegistry tags) {
    this.instrumentation = instrumentation;
    this.tags = tags;
    this.tiers = Map.copyOf(tiers);
    this.clock = clock;
    this.listeners = listeners;
    this.insertPolicy = insertPolicy;
    this.refreshes = refreshes;
  }

  <K, V> TieredCacheEngine<K, V> assemble(CacheDefinition<K, V> definition, Origin<K, V> origin) {
    Objects.requireNonNull(definition, "definition");
    List<String> tierNames = new ArrayList<>();
    tierNames.add(CacheEvent.L1);
    definition.fallbacks().forEach(fallback -> tierNames.add(fallback.tier()));
    Telemetry telemetry = new Telemetry(definition.name(), tierNames, listeners.composed(),
        listeners.kinds(), requestIds, instrumentation);

    List<ChainedTier<K, V>> chained = new ArrayList<>();
    List<InFrontOf<K>> links = new ArrayList<>();
    KeyStamps<K> stamps = new KeyStamps<>(definition.tags(), tags);
    LocalTier<K, V> l1 = new LocalTier<>(
        spec(definition, CacheEvent.L1, definition.ttl(), definition.maximumSize(), telemetry, 0,
            TierSpec.Upstream.none()),
        stamps, definition.refreshAfter() != null || definition.failSafe() != null);
    if (!definition.tags().isNone()) {
      tags.sweepWith(l1::sweep);
    }
    chained.add(new ChainedTier<>(CacheEvent.L1, l1, definition.ttl(), true,
        absentTtl(definition, definition.ttl()), definition.jitter()));
    for (FallbackDefinition fallback : definition.fallbacks()) {
      TierFactory factory = tiers.get(fallback.tier());
      if (factory == null) {
        throw unboundTier(definition, fallback.tier());
      }
      InFrontOf<K> link = new InFrontOf<>(chained.size(), tags);
      links.add(link);
      TierSpec<K, V> spec = spec(definition, fallback.tier(), fallback.ttl(), 0, telemetry,
          chained.size(), link);
      CacheTier<K, V> tier = Objects.requireNonNull(factory.create(spec),
          () -> "TierFactory for '" + fallback.tier() + "' returned null for " + definition.name());
      chained.add(new ChainedTier<>(fallback.tier(), tier, fallback.ttl(), fallback.promote(),
          absentTtl(definition, fallback.ttl()), definition.jitter()));
    }
    TierChain<K, V> chain = new TierChain<>(l1, chained, telemetry);
    TierWrites<K, V> writes =
        new TierWrites<>(definition.name(), chain, telemetry, insertPolicy, clock);
    Origin<K, V> instrumented =
        Origin.instrumented(origin, definition.name(), instrumentation, false);
    TieredCacheEngine<K, V> engine = new TieredCacheEngine<>(definition, chain, writes,
        instrumented, refreshes, clock, telemetry, stamps);
    links.forEach(link -> link.bind(engine));
    listeners.cacheCreated(engine);
    return engine;
  }

  private <K, V> TierSpec<K, V> spec(CacheDefinition<K, V> definition, String tier,
      @Nullable Duration ttl, long maximumSize, Telemetry telemetry, int level,
      TierSpec.Upstream<K> upstream) {
    TierSpec.EvictionListener<K> evictions = (key, expired) -> telemetry.tier(
        expired ? CacheEvent.Kind.EVICTED_EXPIRED : CacheEvent.Kind.EVICTED, level, 0, 0);
    Duration staleFor = definition.failSafe() == null
        ? Duration.ZERO
        : definition.failSafe().staleFor();
    return new TierSpec<>(definition.name(), tier, definition.keyType(), definition.valueType(),
        ttl, maximumSize, clock, evictions, upstream, staleFor, definition.tags());
  }

  /** The {@code nullTtl}, no longer than the tier's own ttl; null when there is none. */
  private static @Nullable Duration absentTtl(CacheDefinition<?, ?> definition,
      @Nullable Duration tierTtl) {
    Duration nullTtl = definition.nullTtl();
    if (nullTtl == null || tierTtl == null || nullTtl.compareTo(tierTtl) <= 0) {
      return nullTtl;
    }
    return tierTtl;
  }

  private IllegalStateException unboundTier(CacheDefinition<?, ?> definition, String tier) {
    String bound = tiers.isEmpty() ? "no tiers are bound" : "bound tiers: " + tiers.keySet();
    return new IllegalStateException(definition.describe() + " declares @Fallback(tier = \""
        + tier + "\"), but no tier named '" + tier + "' is bound in this TieredRuntime ("
        + bound + "). Bind it when building the runtime: TieredRuntime.builder().tier(\"" + tier
        + "\", Tiers.memory()) for an in-process tier, or a remote factory such as"
        + " RedisTiers.factory(client).");
  }

  /**
   * A tier's upstream: the levels in front of it, in the engine that exists only once its tiers
   * do. Calls before then (a shared tier hearing of another instance's invalidation while the
   * cache is still being built) have nothing in front of them to drop.
   */
  private static final class InFrontOf<K> implements TierSpec.Upstream<K> {
    private final int level;
    private final TagRegistry tags;
    private volatile @Nullable TieredCacheEngine<K, ?> engine;

    InFrontOf(int level, TagRegistry tags) {
      this.level = level;
      this.tags = tags;
    }

    /** Tags are the runtime's: another instance's invalidation of one reaches every cache. */
    @Override
    public void invalidateTag(String tag) {
      tags.invalidate(tag);
    }

    void bind(TieredCacheEngine<K, ?> engine) {
      this.engine = engine;
    }

    @Override
    public void invalidate(K key) {
      TieredCacheEngine<K, ?> target = engine;
      if (target != null) {
        target.invalidateInFrontOf(level, key);
      }
    }

    @Override
    public void invalidateAll(Iterable<? extends K> keys) {
      TieredCacheEngine<K, ?> target = engine;
      if (target != null) {
        target.invalidateInFrontOf(level, keys);
      }
    }

    @Override
    public void invalidateAll() {
      TieredCacheEngine<K, ?> target = engine;
      if (target != null) {
        target.invalidateAllInFrontOf(level);
      }
    }
  }

  /** {@code origin}, the bulk origin of {@code cacheName}, as the runtime instruments it. */
  <K, V> Origin<K, V> bulkOrigin(String cacheName, Origin<K, V> origin) {
    return Origin.instrumented(origin, cacheName, instrumentation, true);
  }
}
