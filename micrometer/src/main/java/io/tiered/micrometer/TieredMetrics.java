package io.tiered.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.tiered.runtime.CacheEvent;
import io.tiered.runtime.CacheEventListener;
import io.tiered.runtime.TieredCache;
import io.tiered.runtime.TieredProxy;
import io.tiered.runtime.TieredRuntime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Micrometer meters for every cache of a {@link TieredRuntime}, named after Micrometer's cache
 * conventions (those of its {@code CaffeineCacheMetrics}) plus Tiered's own.
 *
 * <pre>{@code
 * TieredRuntime runtime = TieredRuntime.builder()
 *     .tier("shared", RedisTiers.factory(client))
 *     .listener(TieredMetrics.of(meterRegistry))
 *     .build();
 * PriceService prices = new TieredPriceService(origin, runtime);   // its meters are registered
 * }</pre>
 *
 * <p>Counts cost the cache nothing on its call path: they are {@code FunctionCounter}s over the
 * counters every cache keeps anyway ({@link TieredCache#stats()}), read when the registry is
 * scraped, as Micrometer's {@code CaffeineCacheMetrics} reads Caffeine's {@code recordStats()}.
 * As a listener this asks only for {@code LOADED} and {@code LOAD_FAILED} events, to time origin
 * calls: a hit builds no event and allocates nothing.
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
 *       <td>{@code operation=get|put|invalidate|clear|codec}</td><td>tier operations that threw;
 *       {@code codec}: the tier cannot read back the cache's values and stopped serving it</td></tr>
 *   <tr><td>{@code cache.refreshes}</td><td>counter</td><td>{@code result=success|failure}</td>
 *       <td>background refreshes, by the tier the value came from ({@code origin} for
 *       failures)</td></tr>
 *   <tr><td>{@code cache.loads}</td><td>timer</td><td>{@code result=success|failure}</td>
 *       <td>origin calls and their latency ({@code tier=origin})</td></tr>
 *   <tr><td>{@code cache.coalesced.waits}</td><td>counter</td><td></td>
 *       <td>calls that waited for another call's load instead of loading
 *       ({@code tier=origin})</td></tr>
 *   <tr><td>{@code cache.stale.served}</td><td>counter</td><td>{@code reason=error|timeout}</td>
 *       <td>calls answered with a stale value ({@code @StaleIfError}), no {@code tier} tag: alert
 *       on it</td></tr>
 *   <tr><td>{@code cache.size}</td><td>gauge</td><td></td>
 *       <td>entries a tier holds, where the tier knows</td></tr>
 * </table>
 *
 * <p>A read that throws counts in {@code cache.errors} with {@code operation=get}, not as a
 * {@code cache.gets} miss, although the caller sees a miss ({@code TierStats.misses()} includes
 * it). A failed {@code invalidate} or {@code clear} may have left old values in the tier: alert on
 * those. Successful invalidations are not metered.
 *
 * <p>Every meter of a cache is registered when the runtime builds the cache, so dashboards show
 * zeros rather than gaps before the first call. The meters hold the cache weakly and read NaN
 * once it is collected.
 *
 * <p>Why a registry in hand rather than a {@code MeterBinder}: the listener must be on the runtime
 * before any cache is built, to hear of each.
 */
public final class TieredMetrics implements CacheEventListener {
  private static final System.Logger LOG = System.getLogger(TieredMetrics.class.getName());
  private static final Set<CacheEvent.Kind> TIMED =
      Collections.unmodifiableSet(EnumSet.of(CacheEvent.Kind.LOADED, CacheEvent.Kind.LOAD_FAILED));

  private final MeterRegistry registry;
  private final Tags commonTags;
  private final Map<String, CacheMeters> caches = new ConcurrentHashMap<>();
  private final AtomicBoolean warned = new AtomicBoolean();

  private TieredMetrics(MeterRegistry registry, Tags commonTags) {
    this.registry = registry;
    this.commonTags = commonTags;
  }

  /**
   * {@return metrics recorded into {@code registry}, to pass to
   * {@link TieredRuntime.Builder#listener}}
   *
   * @param registry where the meters of every cache are registered
   */
  public static TieredMetrics of(MeterRegistry registry) {
    return of(registry, Tags.empty());
  }

  /**
   * {@return metrics as {@link #of(MeterRegistry)} makes them, plus {@code tags} on every meter}
   *
   * @param registry where the meters of every cache are registered
   * @param tags common tags, such as {@code app=checkout}
   */
  public static TieredMetrics of(MeterRegistry registry, Iterable<Tag> tags) {
    return new TieredMetrics(Objects.requireNonNull(registry, "registry"), Tags.of(tags));
  }

  /** Origin calls only: everything else is read from the caches' counters. */
  @Override
  public Set<CacheEvent.Kind> kinds() {
    return TIMED;
  }

  /** Registers the meters of a cache the runtime just built. */
  @Override
  public void onCacheCreated(TieredCache<?, ?> cache) {
    monitor(cache);
  }

  /** Times an origin call. Never throws: a failing registry is logged once. */
  @Override
  public void onEvent(CacheEvent event) {
    if (event.coalesced() || !TIMED.contains(event.kind())) {
      return; // a coalesced caller did not load: timing it would double the origin's calls
    }
    try {
      CacheMeters meters = caches.get(event.cacheName());
      if (meters != null) {
        meters.recordLoad(event.kind() == CacheEvent.Kind.LOAD_FAILED, event.durationNanos());
      }
    } catch (RuntimeException failure) {
      reportOnce(failure);
    }
  }

  /**
   * {@link #monitor(TieredCache) Monitors} every cached method of {@code proxy}: needed only for
   * proxies of a runtime this is not a listener of.
   *
   * @param proxy the proxy whose caches to monitor
   * @return this, to monitor more
   */
  public TieredMetrics monitor(TieredProxy proxy) {
    proxy.caches().forEach(this::monitor);
    return this;
  }

  /**
   * Registers every meter of {@code cache}; the caches of a runtime this listens to are
   * registered when they are built. Monitoring a second cache of the same name keeps the first
   * one's meters. Never throws: a failing registry is logged once.
   *
   * @param cache the cache to monitor
   * @return this, to monitor more
   */
  public TieredMetrics monitor(TieredCache<?, ?> cache) {
    try {
      caches.computeIfAbsent(cache.name(),
          name -> CacheMeters.register(registry, commonTags, cache));
    } catch (RuntimeException failure) {
      reportOnce(failure);
    }
    return this;
  }

  private void reportOnce(RuntimeException failure) {
    // Every call would fail the same way: one warning, then quiet, rather than a flood of logs.
    System.Logger.Level level = warned.compareAndSet(false, true)
        ? System.Logger.Level.WARNING
        : System.Logger.Level.DEBUG;
    LOG.log(level, "TieredMetrics could not record into " + registry, failure);
  }

  @Override
  public String toString() {
    return "TieredMetrics[" + registry.getClass().getSimpleName() + "]";
  }
}
