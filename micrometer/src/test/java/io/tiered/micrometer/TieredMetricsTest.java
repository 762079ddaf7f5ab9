package io.tiered.micrometer;

import static com.google.common.truth.Truth.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tiered.runtime.CacheEntry;
import io.tiered.runtime.CacheEvent;
import io.tiered.runtime.TierCodecException;
import io.tiered.runtime.TieredCache;
import io.tiered.runtime.TieredProxy;
import io.tiered.runtime.TieredRuntime;
import io.tiered.runtime.internal.CacheDefinition;
import io.tiered.runtime.testing.ManualClock;
import io.tiered.runtime.testing.MockTier;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Cache events become Micrometer meters, per cache and tier. */
class TieredMetricsTest {
  private static final String CACHE = "PriceService.price";

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final TieredMetrics metrics = TieredMetrics.of(registry);
  private final ManualClock clock = new ManualClock();
  private final MockTier<Object, Object> shared = MockTier.create();
  private final TieredRuntime runtime = TieredRuntime.builder()
      .clock(clock)
      .tier("shared", shared.factory())
      .refreshExecutor(Runnable::run) // a refresh runs inside the read that schedules it
      .listener(metrics)
      .build();
  private final AtomicInteger originCalls = new AtomicInteger();

  @AfterEach
  void close() {
    runtime.close();
  }

  @Test
  void hitsAndMissesAreCountedPerTier() {
    TieredCache<String, String> cache = cache(definition().fallback("shared", null, true));

    cache.get("a");
    cache.get("a");
    cache.get("a");

    assertThat(count("cache.gets", "l1", "result", "hit")).isEqualTo(2.0);
    assertThat(count("cache.gets", "l1", "result", "miss")).isEqualTo(1.0);
    assertThat(count("cache.gets", "shared", "result", "miss")).isEqualTo(1.0);
    assertThat(count("cache.puts", "l1")).isEqualTo(1.0);
    assertThat(count("cache.puts", "shared")).isEqualTo(1.0);
  }

  @Test
  void aHitInAFallbackTierIsCountedThereAndPromoted() {
    shared.seed(CACHE, "a", CacheEntry.of("cached", clock.instant(), null));
    TieredCache<String, String> cache = cache(definition().fallback("shared", null, true));

    assertThat(cache.get("a")).isEqualTo("cached");

    assertThat(count("cache.gets", "shared", "result", "hit")).isEqualTo(1.0);
    assertThat(count("cache.puts", "l1")).isEqualTo(1.0);
    assertThat(timer("origin", "success").count()).isEqualTo(0);
  }

  @Test
  void originLoadsAreTimedBySuccessAndFailure() {
    TieredCache<String, String> cache = runtime.cache(definition().build(), key -> {
      if (key.equals("bad")) {
        throw new IllegalStateException("origin down");
      }
      return "value-of-" + key;
    });

    cache.get("a");
    cache.get("b");
    try {
      cache.get("bad");
    } catch (IllegalStateException expected) {
      // the origin's exception reaches the caller; the meter still counts it
    }

    Timer success = timer("origin", "success");
    assertThat(success.count()).isEqualTo(2);
    assertThat(success.totalTime(TimeUnit.NANOSECONDS)).isGreaterThan(0.0);
    assertThat(timer("origin", "failure").count()).isEqualTo(1);
  }

  @Test
  void aRefreshFailureIncrementsFailedRefreshes() {
    AtomicInteger calls = new AtomicInteger();
    TieredCache<String, String> cache = runtime.cache(
        definition().refreshAfter(Duration.ofSeconds(10)).build(),
        key -> {
          if (calls.getAndIncrement() == 1) {
            throw new IllegalStateException("origin down");
          }
          return "v" + calls.get();
        });
    cache.get("a");
    clock.advance(Duration.ofSeconds(11));

    assertThat(cache.get("a")).isEqualTo("v1"); // refresh fails: the old value stays
    assertThat(cache.get("a")).isEqualTo("v1"); // refresh succeeds in the background
    assertThat(cache.get("a")).isEqualTo("v3");

    assertThat(count("cache.refreshes", "origin", "result", "failure")).isEqualTo(1.0);
    assertThat(count("cache.refreshes", "origin", "result", "success")).isEqualTo(1.0);
  }

  @Test
  void aTierOutageIncrementsErrorsOfThatTier() {
    shared.failAll(new IllegalStateException("redis down"));
    TieredCache<String, String> cache = cache(definition().fallback("shared", null, true));

    assertThat(cache.get("a")).isEqualTo("value-of-a");
    cache.invalidate("a");
    cache.invalidateAll();

    assertThat(count("cache.errors", "shared", "operation", "get")).isEqualTo(1.0);
    assertThat(count("cache.errors", "shared", "operation", "put")).isEqualTo(1.0);
    assertThat(count("cache.errors", "shared", "operation", "invalidate")).isEqualTo(1.0);
    assertThat(count("cache.errors", "shared", "operation", "clear")).isEqualTo(1.0);
    assertThat(count("cache.errors", "l1", "operation", "get")).isEqualTo(0.0);
  }

  @Test
  void aTierThatCannotReadBackItsValuesCountsCodecErrors() {
    shared.failAll(new TierCodecException(CACHE + ": values cannot be read back", null));
    TieredCache<String, String> cache = cache(definition().fallback("shared", null, true));

    assertThat(cache.get("a")).isEqualTo("value-of-a");

    assertThat(count("cache.errors", "shared", "operation", "codec")).isEqualTo(2.0);
    assertThat(count("cache.errors", "shared", "operation", "put")).isEqualTo(0.0);
    assertThat(registry.get("cache.errors").tags("operation", "codec").meter().getId()
        .getDescription()).contains("operation=get|put|invalidate|clear|codec");
  }

  @Test
  void sizeEvictionsAreCounted() {
    TieredCache<String, String> cache = cache(definition().maximumSize(2));

    for (int i = 0; i < 20; i++) {
      cache.get("key-" + i);
    }

    long evicted = cache.stats().tier("l1").evictions();
    assertThat(evicted).isAtLeast(18L);
    assertThat(count("cache.evictions", "l1")).isEqualTo((double) evicted);
  }

  @Test
  void aTierDroppingAnExpiredEntryIsAnEvictionAndTheReadAMiss() {
    TieredCache<String, String> cache = cache(definition().ttl(Duration.ofSeconds(30)));
    cache.get("a");
    clock.advance(Duration.ofMinutes(1));

    cache.get("a");

    assertThat(count("cache.evictions", "l1")).isEqualTo(1.0);
    assertThat(count("cache.gets", "l1", "result", "miss")).isEqualTo(2.0);
  }

  @Test
  void anExpiredEntryReadFromATierIsAMissNotAnEviction() {
    shared.seed(CACHE, "a",
        CacheEntry.of("old", clock.instant().minus(Duration.ofHours(1)), Duration.ofMinutes(1)));
    TieredCache<String, String> cache = cache(definition().fallback("shared", null, true));

    assertThat(cache.get("a")).isEqualTo("value-of-a");

    assertThat(count("cache.gets", "shared", "result", "miss")).isEqualTo(1.0);
    assertThat(count("cache.evictions", "shared")).isEqualTo(0.0);
  }

  @Test
  void coalescedCallersAreCountedAsWaitsNotLoads() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    TieredCache<String, String> cache = runtime.cache(definition().build(), key -> {
      originCalls.incrementAndGet();
      release.await();
      return "slow";
    });

    try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<String> first = callers.submit(() -> cache.get("a"));
      await().until(() -> originCalls.get() == 1);
      Future<String> second = callers.submit(() -> cache.get("a"));
      await().until(() -> cache.stats().coalescedWaits() == 1);
      release.countDown();

      assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("slow");
      assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("slow");
    }
    assertThat(timer("origin", "success").count()).isEqualTo(1);
    assertThat(count("cache.coalesced.waits", "origin")).isEqualTo(1.0);
  }

  @Test
  void insertsRefusedByThePolicyAreCounted() {
    TieredRuntime refusing = TieredRuntime.builder()
        .insertPolicy((cacheName, tier, key, entry) -> !tier.equals("l1"))
        .listener(metrics)
        .build();
    TieredCache<String, String> cache = refusing.cache(definition().build(), key -> "v");

    cache.get("a");

    assertThat(count("cache.insert.rejected", "l1")).isEqualTo(1.0);
    assertThat(count("cache.puts", "l1")).isEqualTo(0.0);
  }

  @Test
  void monitoringAProxyRegistersSizeGaugesAndZeroedGets() {
    TieredCache<String, String> prices = cache(definition().fallback("shared", null, true));
    TieredCache<String, String> stock = runtime.cache(
        CacheDefinition.<String, String>builder("PriceService.stock", String.class, String.class)
            .build(),
        key -> "in stock");
    TieredProxy proxy = () -> List.of(prices, stock);

    metrics.monitor(proxy);
    prices.get("a");
    prices.get("b");
    prices.get("c");

    assertThat(size(CACHE, "l1")).isEqualTo(3.0);
    assertThat(size(CACHE, "shared")).isEqualTo(3.0);
    assertThat(size("PriceService.stock", "l1")).isEqualTo(0.0);
    assertThat(registry.get("cache.gets").tags("cache", "PriceService.stock", "tier", "l1",
        "result", "hit").functionCounter().count()).isEqualTo(0.0);
  }

  @Test
  void everyMeterOfACacheIsRegisteredWhenItIsBuiltAndReadsZero() {
    cache(definition().fallback("shared", null, true));

    assertThat(count("cache.gets", "l1", "result", "hit")).isEqualTo(0.0);
    assertThat(count("cache.gets", "shared", "result", "miss")).isEqualTo(0.0);
    assertThat(count("cache.refreshes", "origin", "result", "failure")).isEqualTo(0.0);
    assertThat(count("cache.evictions", "l1")).isEqualTo(0.0);
    assertThat(timer("origin", "success").count()).isEqualTo(0);
    assertThat(registry.find("cache.loads").tag("tier", "l1").meters()).isEmpty();
  }

  @Test
  void hitsBuildNoEventForTheMetrics() {
    assertThat(metrics.kinds())
        .containsExactly(CacheEvent.Kind.LOADED, CacheEvent.Kind.LOAD_FAILED);
  }

  @Test
  void countsAreReadFromTheCacheWhenScraped() {
    TieredCache<String, String> cache = cache(definition());
    cache.get("a");
    FunctionCounter hits = registry.get("cache.gets")
        .tags("cache", CACHE, "tier", "l1", "result", "hit").functionCounter();
    assertThat(hits.count()).isEqualTo(0.0);

    cache.get("a");
    cache.get("a");

    assertThat(hits.count()).isEqualTo((double) cache.stats().tier("l1").hits());
    assertThat(hits.count()).isEqualTo(2.0);
  }

  @Test
  void commonTagsAreAddedToEveryMeter() {
    SimpleMeterRegistry tagged = new SimpleMeterRegistry();
    TieredRuntime withTags = TieredRuntime.builder()
        .listener(TieredMetrics.of(tagged, Tags.of("app", "checkout")))
        .build();

    withTags.cache(definition().build(), key -> "v").get("a");

    assertThat(tagged.getMeters()).isNotEmpty();
    assertThat(tagged.getMeters().stream().map(meter -> meter.getId().getTag("app")).distinct()
        .toList()).containsExactly("checkout");
  }

  @Test
  void aFailingRegistryNeverThrowsFromTheListener() {
    SimpleMeterRegistry broken = new SimpleMeterRegistry();
    broken.config().meterFilter(new MeterFilter() {
      @Override
      public Meter.Id map(Meter.Id id) {
        throw new IllegalStateException("broken filter");
      }
    });
    TieredMetrics brokenMetrics = TieredMetrics.of(broken);
    CacheEvent load =
        new CacheEvent(CacheEvent.Kind.LOADED, CACHE, "origin", 1_000, 1, false, null, null);

    // Each would throw IllegalStateException if the listener let it out.
    brokenMetrics.onCacheCreated(runtime.cache(definition().build(), key -> key));
    brokenMetrics.onEvent(load);
    brokenMetrics.onEvent(load);

    assertThat(broken.getMeters()).isEmpty();
  }

  @Test
  void staleAnswersAreCountedByReasonSoThatServingStaleCanBeAlertedOn() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch slow = new CountDownLatch(1);
    TieredCache<String, String> cache = runtime.cache(definition().ttl(Duration.ofMinutes(5))
        .staleIfError(Duration.ofHours(1), Duration.ofMillis(50)).build(), key -> {
          int call = calls.incrementAndGet();
          if (call == 2) {
            throw new IllegalStateException("origin down");
          }
          if (call == 3) {
            slow.await();
          }
          return "v" + call;
        });
    cache.get("a");
    clock.advance(Duration.ofMinutes(5));

    assertThat(cache.get("a")).isEqualTo("v1"); // the origin fails
    assertThat(cache.get("a")).isEqualTo("v1"); // the origin is slow
    slow.countDown();

    assertThat(registry.get("cache.stale.served").tags("cache", CACHE, "reason", "error")
        .functionCounter().count()).isEqualTo(1.0);
    assertThat(registry.get("cache.stale.served").tags("cache", CACHE, "reason", "timeout")
        .functionCounter().count()).isEqualTo(1.0);
  }

  private TieredCache<String, String> cache(CacheDefinition.Builder<String, String> definition) {
    return runtime.cache(definition.build(), key -> {
      originCalls.incrementAndGet();
      return "value-of-" + key;
    });
  }

  private static CacheDefinition.Builder<String, String> definition() {
    return CacheDefinition.<String, String>builder(CACHE, String.class, String.class);
  }

  private double count(String name, String tier, String... tags) {
    return registry.get(name).tags("cache", CACHE, "tier", tier).tags(tags).functionCounter()
        .count();
  }

  private Timer timer(String tier, String result) {
    return registry.get("cache.loads").tags("cache", CACHE, "tier", tier, "result", result).timer();
  }

  private double size(String cache, String tier) {
    return registry.get("cache.size").tags("cache", cache, "tier", tier).gauge().value();
  }
}
