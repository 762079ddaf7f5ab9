package io.tiered.micrometer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.tiered.runtime.CacheEvent;
import io.tiered.runtime.CacheEventListener;
import io.tiered.runtime.TierStats;
import io.tiered.runtime.TieredCache;
import io.tiered.runtime.TieredProxy;
import io.tiered.runtime.TieredRuntime;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Records the cache events of a {@link TieredRuntime} as Micrometer meters, named after
 * Micrometer's cache conventions (those of its {@code CaffeineCacheMetrics}) plus Tiered's own.
 *
 * <pre>{@code
 * TieredMetrics metrics = TieredMetrics.of(meterRegistry);
 * TieredRuntime runtime = TieredRuntime.builder()
 *     .tier("shared", RedisTiers.factory(client))
 *     .listener(metrics)
 *     .build();
 * PriceService prices = new TieredPriceService(origin, runtime);
 * metrics.monitor((TieredProxy) prices);   // cache.size gauges, where a tier knows its size
 * }</pre>
 *
 * <p>Every meter is tagged {@code cache} (the cache name, such as {@code PriceService.price}) and
 * {@code tier} ({@code l1}, a {@code @Fallback} tier name, or {@code origin}), plus the common tags
 * given to {@link #of(MeterRegistry, Iterable)}:
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>extra tag</th><th>counts</th></tr>
 *   <tr><td>{@code cache.gets}</td><td>counter</td><td>{@code result=hit|miss}</td>
 *       <td>reads of a tier; an expired entry read is a miss</td></tr>
 *   <tr><td>{@code cache.puts}</td><td>counter</td><td></td><td>values written to a tier</td></tr>
 *   <tr><td>{@code cache.evictions}</td><td>counter</td><td></td>
 *       <td>entries a tier dropped by size or expiry</td></tr>
 *   <tr><td>{@code cache.insert.rejected}</td><td>counter</td><td></td>
 *       <td>writes the {@code InsertPolicy} refused</td></tr>
 *   <tr><td>{@code cache.errors}</td><td>counter</td>
 *       <td>{@code operation=get|put|invalidate|clear}</td><td>tier operations that threw</td></tr>
 *   <tr><td>{@code cache.refreshes}</td><td>counter</td><td>{@code result=success|failure}</td>
 *       <td>background refreshes, by the tier the value came from ({@code origin} for
 *       failures)</td></tr>
 *   <tr><td>{@code cache.loads}</td><td>timer</td><td>{@code result=success|failure}</td>
 *       <td>origin calls and their latency ({@code tier=origin})</td></tr>
 *   <tr><td>{@code cache.coalesced.waits}</td><td>counter</td><td></td>
 *       <td>calls that waited for another call's load instead of loading
 *       ({@code tier=origin})</td></tr>
 *   <tr><td>{@code cache.size}</td><td>gauge</td><td></td>
 *       <td>entries a tier holds; only for {@link #monitor monitored} caches</td></tr>
 * </table>
 *
 * <p>A read that throws counts in {@code cache.errors} with {@code operation=get}, not as a
 * {@code cache.gets} miss, although the caller sees a miss ({@code TierStats.misses()} includes
 * it). A failed {@code invalidate} or {@code clear} may have left old values in the tier: alert on
 * those. Successful invalidations are not metered.
 *
 * <p>Meters are registered the first time a (cache, tier, meter) occurs and then kept for the
 * life of this object, like the caches they describe; the event path only reads them.
 *
 * <p>Why a registry in hand rather than a {@code MeterBinder}: the listener must be on the runtime
 * before any cache is built, and a binder bound later would lose the events in between.
 */
public final class TieredMetrics implements CacheEventListener {
  private static final System.Logger LOG = System.getLogger(TieredMetrics.class.getName());
  private static final String SIZE_DESCRIPTION =
      "Entries the tier holds; may be an estimate, depending on the tier";

  private final MeterRegistry registry;
  private final Tags commonTags;
  private final Map<String, Map<String, TierMeters>> caches = new ConcurrentHashMap<>();
  private final AtomicBoolean warned = new AtomicBoolean();

  private TieredMetrics(MeterRegistry registry, Tags commonTags) {
    this.registry = registry;
    this.commonTags = commonTags;
  }

  /** Metrics recorded into {@code registry}; pass them to {@code TieredRuntime.Builder}. */
  public static TieredMetrics of(MeterRegistry registry) {
    return of(registry, Tags.empty());
  }

  /** As {@link #of(MeterRegistry)}, plus {@code tags} (say {@code app=checkout}) on every meter. */
  public static TieredMetrics of(MeterRegistry registry, Iterable<Tag> tags) {
    return new TieredMetrics(Objects.requireNonNull(registry, "registry"), Tags.of(tags));
  }

  /** Records {@code event} in its meter. Never throws: a failing registry is logged once. */
  @Override
  public void onEvent(CacheEvent event) {
    try {
      CacheMeter kind = CacheMeter.of(event);
      if (kind != null) {
        tierMeters(event.cacheName(), event.tier()).record(kind, event.durationNanos());
      }
    } catch (RuntimeException failure) {
      reportOnce(failure);
    }
  }

  /** {@link #monitor(TieredCache) Monitors} every cached method of {@code proxy}. */
  public TieredMetrics monitor(TieredProxy proxy) {
    proxy.caches().forEach(this::monitor);
    return this;
  }

  /**
   * Registers a {@code cache.size} gauge for each tier of {@code cache} that reports its size now,
   * and the {@code cache.gets} counters of every tier, so that dashboards show zeros rather than
   * gaps before the first read.
   *
   * <p>The gauges hold {@code cache} weakly: they do not keep it alive, and report NaN once it is
   * collected. Each read of a gauge takes a {@link TieredCache#stats()} snapshot, which asks every
   * tier for its size. Monitoring a second cache of the same name keeps the first one's gauges.
   */
  public TieredMetrics monitor(TieredCache<?, ?> cache) {
    String name = cache.name();
    for (TierStats tier : cache.stats().tiers()) {
      TierMeters meters = tierMeters(name, tier.tier());
      meters.meter(CacheMeter.GET_HIT);
      meters.meter(CacheMeter.GET_MISS);
      if (tier.size().isPresent()) {
        String tierName = tier.tier();
        Gauge.builder("cache.size", cache, monitored -> sizeOf(monitored, tierName))
            .tags(tags(name, tierName))
            .description(SIZE_DESCRIPTION)
            .register(registry);
      }
    }
    return this;
  }

  private TierMeters tierMeters(String cacheName, String tier) {
    // get() before computeIfAbsent(): once warm, no capturing lambda is allocated per event.
    Map<String, TierMeters> tiers = caches.get(cacheName);
    if (tiers == null) {
      tiers = caches.computeIfAbsent(cacheName, name -> new ConcurrentHashMap<>());
    }
    TierMeters meters = tiers.get(tier);
    if (meters == null) {
      meters = tiers.computeIfAbsent(tier,
          name -> new TierMeters(registry, tags(cacheName, name)));
    }
    return meters;
  }

  private Tags tags(String cacheName, String tier) {
    return commonTags.and("cache", cacheName, "tier", tier);
  }

  private static double sizeOf(TieredCache<?, ?> cache, String tier) {
    try {
      OptionalLong size = cache.stats().tier(tier).size();
      return size.isPresent() ? size.getAsLong() : Double.NaN;
    } catch (RuntimeException unavailable) {
      return Double.NaN;
    }
  }

  private void reportOnce(RuntimeException failure) {
    // Every event would fail the same way: one warning, then quiet, rather than a flood of logs.
    System.Logger.Level level = warned.compareAndSet(false, true)
        ? System.Logger.Level.WARNING
        : System.Logger.Level.DEBUG;
    LOG.log(level, "TieredMetrics could not record a cache event into " + registry, failure);
  }

  @Override
  public String toString() {
    return "TieredMetrics[" + registry.getClass().getSimpleName() + "]";
  }
}
