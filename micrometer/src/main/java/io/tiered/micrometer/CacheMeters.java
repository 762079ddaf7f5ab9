package io.tiered.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.tiered.runtime.CacheEvent;
import io.tiered.runtime.CacheStats;
import io.tiered.runtime.TierStats;
import io.tiered.runtime.TieredCache;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The meters of one cache. Counts are {@link FunctionCounter}s over the cache's own always-on
 * counters, read when the registry is scraped (as Micrometer's {@code CaffeineCacheMetrics}
 * reads Caffeine's): the cache's call path records nothing for them. Only origin calls, whose
 * latency no counter holds, are {@link Timer}s fed by events.
 *
 * <p>The counters and gauges hold the cache weakly: they do not keep it alive, and read NaN once
 * it is collected.
 */
final class CacheMeters {
  static final String GETS = "cache.gets";
  static final String PUTS = "cache.puts";
  static final String EVICTIONS = "cache.evictions";
  static final String INSERT_REJECTED = "cache.insert.rejected";
  static final String ERRORS = "cache.errors";
  static final String REFRESHES = "cache.refreshes";
  static final String LOADS = "cache.loads";
  static final String COALESCED_WAITS = "cache.coalesced.waits";
  static final String SIZE = "cache.size";
  static final String STALE_SERVED = "cache.stale.served";

  private final Timer loadSuccess;
  private final Timer loadFailure;

  private CacheMeters(Timer loadSuccess, Timer loadFailure) {
    this.loadSuccess = loadSuccess;
    this.loadFailure = loadFailure;
  }

  /** Registers every meter of {@code cache} (the registry hands back any it already has). */
  static CacheMeters register(MeterRegistry registry, Tags commonTags, TieredCache<?, ?> cache) {
    Tags cacheTags = commonTags.and("cache", cache.name());
    for (TierStats tier : cache.stats().tiers()) {
      new TierBinding(registry, cacheTags.and("tier", tier.tier()), cache, tier).register();
    }
    Tags origin = cacheTags.and("tier", CacheEvent.ORIGIN);
    counter(registry, REFRESHES, origin.and("result", "success"), cache,
        CacheStats::originRefreshes);
    counter(registry, REFRESHES, origin.and("result", "failure"), cache,
        CacheStats::refreshFailures);
    counter(registry, COALESCED_WAITS, origin, cache, CacheStats::coalescedWaits);
    counter(registry, STALE_SERVED, cacheTags.and("reason", "error"), cache,
        CacheStats::staleServedOnError);
    counter(registry, STALE_SERVED, cacheTags.and("reason", "timeout"), cache,
        CacheStats::staleServedOnTimeout);
    return new CacheMeters(loadTimer(registry, origin, "success"),
        loadTimer(registry, origin, "failure"));
  }

  /** Times one origin call of this cache. */
  void recordLoad(boolean failed, long durationNanos) {
    (failed ? loadFailure : loadSuccess).record(durationNanos, TimeUnit.NANOSECONDS);
  }

  private static Timer loadTimer(MeterRegistry registry, Tags origin, String result) {
    return Timer.builder(LOADS).tags(origin.and("result", result))
        .description(description(LOADS))
        .register(registry);
  }

  private static void counter(MeterRegistry registry, String name, Tags tags,
      TieredCache<?, ?> cache, ToLongFunction<CacheStats> count) {
    FunctionCounter.builder(name, cache, monitored -> read(monitored, count::applyAsLong))
        .tags(tags)
        .description(description(name))
        .register(registry);
  }

  private static double read(TieredCache<?, ?> cache, ToDoubleFunction<CacheStats> value) {
    try {
      return value.applyAsDouble(cache.stats());
    } catch (RuntimeException unavailable) {
      return Double.NaN;
    }
  }

  /** One description per meter name, whatever its tags, as registries such as Prometheus want. */
  private static String description(String name) {
    return switch (name) {
      case GETS -> "Reads of the tier: result=hit found a fresh entry, result=miss found none or"
          + " an expired one";
      case PUTS -> "Values written to the tier";
      case EVICTIONS -> "Entries the tier dropped on its own, to respect its size bound or"
          + " because they expired";
      case INSERT_REJECTED -> "Writes to the tier that the runtime's InsertPolicy refused";
      case ERRORS -> "Tier operations that threw, by operation=get|put|invalidate|clear|codec; a"
          + " failed get counts as a miss for the caller; codec: the tier cannot read back this"
          + " cache's values and is no longer used for it (once per instance)";
      case REFRESHES -> "Background refreshes; tier is where the new value came from (origin for"
          + " failures)";
      case LOADS -> "Origin calls, timed; failures reached the caller";
      case COALESCED_WAITS -> "Calls that waited for a load another call had started, instead of"
          + " calling the origin";
      case SIZE -> "Entries the tier holds; may be an estimate, depending on the tier";
      case STALE_SERVED -> "Calls answered with a stale value (@StaleIfError): reason=error when"
          + " the origin failed, reason=timeout when the load passed its soft timeout";
      default -> throw new IllegalArgumentException("no meter named " + name);
    };
  }

  /** The meters of one tier of one cache. */
  private record TierBinding(MeterRegistry registry, Tags tags, TieredCache<?, ?> cache,
      TierStats initial) {

    void register() {
      count(GETS, tags.and("result", "hit"), TierStats::hits);
      count(GETS, tags.and("result", "miss"), tier -> tier.misses() - tier.getErrors());
      count(PUTS, tags, TierStats::inserts);
      count(EVICTIONS, tags, TierStats::evictions);
      count(INSERT_REJECTED, tags, TierStats::insertsRejected);
      for (CacheEvent.Operation operation : CacheEvent.Operation.values()) {
        count(ERRORS, tags.and("operation", operation.name().toLowerCase(Locale.ROOT)),
            tier -> tier.errors(operation));
      }
      count(REFRESHES, tags.and("result", "success"), TierStats::refreshes);
      if (initial.size().isPresent()) {
        String tier = initial.tier();
        Gauge.builder(SIZE, cache, monitored -> read(monitored, stats -> sizeOf(stats, tier)))
            .tags(tags)
            .description(description(SIZE))
            .register(registry);
      }
    }

    private void count(String name, Tags meterTags, ToLongFunction<TierStats> count) {
      String tier = initial.tier();
      counter(registry, name, meterTags, cache, stats -> count.applyAsLong(stats.tier(tier)));
    }

    private static double sizeOf(CacheStats stats, String tier) {
      OptionalLong size = stats.tier(tier).size();
      return size.isPresent() ? size.getAsLong() : Double.NaN;
    }
  }
}
