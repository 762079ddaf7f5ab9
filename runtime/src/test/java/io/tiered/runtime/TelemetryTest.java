package io.tiered.runtime;

import static com.google.common.truth.Truth.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Events: request ids, listener isolation, evictions; stats snapshots. */
class TelemetryTest {
  private final Harness harness = new Harness();

  @Test
  void everyEventOfOneCallSharesARequestIdDistinctFromOtherCalls() {
    TieredCache<String, String> cache =
        harness.cache(Harness.definition().fallback("shared", null, true).build());

    cache.get("a");
    List<CacheEvent> firstCall = List.copyOf(harness.events);
    harness.events.clear();
    cache.get("b");
    List<CacheEvent> secondCall = List.copyOf(harness.events);

    Set<Long> firstIds = firstCall.stream().map(CacheEvent::requestId).collect(Collectors.toSet());
    Set<Long> secondIds = secondCall.stream().map(CacheEvent::requestId).collect(Collectors.toSet());
    assertThat(firstCall.size()).isAtLeast(5); // l1 miss, shared miss, loaded, 2 inserts
    assertThat(firstIds).hasSize(1);
    assertThat(secondIds).hasSize(1);
    assertThat(firstIds).containsNoneIn(secondIds);
    assertThat(firstIds.iterator().next()).isNotEqualTo(0L);
  }

  @Test
  void eventsNameTheCacheAndTierAndTimeTheOrigin() {
    TieredCache<String, String> cache = harness.cache(Harness.definition().build());

    cache.get("a");

    CacheEvent loaded = harness.events(CacheEvent.Kind.LOADED).get(0);
    assertThat(loaded.cacheName()).isEqualTo("Test.get");
    assertThat(loaded.tier()).isEqualTo(CacheEvent.ORIGIN);
    assertThat(loaded.durationNanos()).isGreaterThan(0L);
    assertThat(loaded.coalesced()).isFalse();
  }

  @Test
  void aThrowingListenerNeverBreaksACall() {
    TieredRuntime runtime = TieredRuntime.builder()
        .listener(event -> {
          throw new IllegalStateException("broken listener");
        })
        .build();
    TieredCache<String, String> cache =
        runtime.cache(Harness.definition().build(), key -> "value");

    assertThat(cache.get("a")).isEqualTo("value");
    assertThat(cache.get("a")).isEqualTo("value");
  }

  @Test
  void sizeEvictionsAreCountedAndReported() {
    TieredCache<String, String> cache = harness.cache(Harness.definition().maximumSize(10).build());

    for (int i = 0; i < 200; i++) {
      cache.get("key-" + i);
    }

    TierStats l1 = cache.stats().tier(CacheEvent.L1);
    assertThat(l1.size().getAsLong()).isAtMost(10L);
    assertThat(l1.evictions()).isAtLeast(190L);
    assertThat(harness.events(CacheEvent.Kind.EVICTED)).hasSize((int) l1.evictions());
  }

  @Test
  void expiryIsReportedApartFromEvictionBySize() {
    TieredCache<String, String> cache =
        harness.cache(Harness.definition().ttl(Duration.ofSeconds(30)).build());
    cache.get("a");
    harness.clock.advance(Duration.ofMinutes(1));

    cache.get("a");

    assertThat(harness.events(CacheEvent.Kind.EVICTED_EXPIRED)).hasSize(1);
    assertThat(harness.events(CacheEvent.Kind.EVICTED)).isEmpty();
    assertThat(cache.stats().tier(CacheEvent.L1).evictions()).isEqualTo(1);
  }

  @Test
  void aReadOfAnEntryPastItsTtlIsReportedAsExpired() {
    // With refresh-after, L1 times its entries itself: the read finds the entry and judges it.
    TieredCache<String, String> cache = harness.cache(Harness.definition()
        .ttl(Duration.ofSeconds(30)).refreshAfter(Duration.ofSeconds(10)).build());
    cache.get("a");
    harness.clock.advance(Duration.ofMinutes(1));

    cache.get("a");

    assertThat(harness.events(CacheEvent.Kind.EXPIRED)).hasSize(1);
    assertThat(cache.stats().tier(CacheEvent.L1).misses()).isEqualTo(2);
  }

  @Test
  void aListenerReceivesOnlyTheKindsItAsksFor() {
    List<CacheEvent> loadsOnly = new CopyOnWriteArrayList<>();
    Harness withTwo = new Harness(TieredRuntime.builder().listener(new CacheEventListener() {
      @Override
      public void onEvent(CacheEvent event) {
        loadsOnly.add(event);
      }

      @Override
      public Set<CacheEvent.Kind> kinds() {
        return EnumSet.of(CacheEvent.Kind.LOADED);
      }
    }));
    TieredCache<String, String> cache = withTwo.cache(Harness.definition().build());

    cache.get("a");
    cache.get("a");

    assertThat(loadsOnly.stream().map(CacheEvent::kind).toList())
        .containsExactly(CacheEvent.Kind.LOADED);
    assertThat(withTwo.kinds(CacheEvent.L1)).containsAtLeast(CacheEvent.Kind.MISS,
        CacheEvent.Kind.HIT); // the other listener still hears everything
    assertThat(cache.stats().tier(CacheEvent.L1).hits()).isEqualTo(1);
  }

  @Test
  void listenersHearOfEveryCacheTheRuntimeBuilds() {
    List<String> created = new CopyOnWriteArrayList<>();
    try (TieredRuntime runtime = TieredRuntime.builder().listener(new CacheEventListener() {
      @Override
      public void onEvent(CacheEvent event) {}

      @Override
      public void onCacheCreated(TieredCache<?, ?> cache) {
        created.add(cache.name());
      }
    }).build()) {
      runtime.cache(Harness.definition().build(), key -> key);

      assertThat(created).containsExactly("Test.get");
    }
  }

  @Test
  void countersCountWithNoListenerAtAll() {
    try (TieredRuntime runtime = TieredRuntime.builder().build()) {
      TieredCache<String, String> cache = runtime.cache(Harness.definition().build(), key -> key);

      cache.get("a");
      cache.get("a");
      cache.get("a");

      TierStats l1 = cache.stats().tier(CacheEvent.L1);
      assertThat(l1.hits()).isEqualTo(2);
      assertThat(l1.misses()).isEqualTo(1);
      assertThat(cache.stats().loads()).isEqualTo(1);
    }
  }

  @Test
  void statsCountHitsMissesAndLoadsPerTier() {
    TieredCache<String, String> cache =
        harness.cache(Harness.definition().fallback("shared", null, true).build());

    cache.get("a");
    cache.get("a");
    cache.get("a");

    CacheStats stats = cache.stats();
    assertThat(stats.tier(CacheEvent.L1).hits()).isEqualTo(2);
    assertThat(stats.tier(CacheEvent.L1).misses()).isEqualTo(1);
    assertThat(stats.tier("shared").misses()).isEqualTo(1);
    assertThat(stats.tier("shared").inserts()).isEqualTo(1);
    assertThat(stats.loads()).isEqualTo(1);
    assertThat(stats.requests()).isEqualTo(3);
    assertThat(stats.hitRate()).isWithin(1e-9).of(2.0 / 3);
  }
}
