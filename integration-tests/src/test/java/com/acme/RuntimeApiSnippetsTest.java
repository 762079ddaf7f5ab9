package com.acme;

import static com.google.common.truth.Truth.assertThat;

import io.tiered.runtime.CacheEntry;
import io.tiered.runtime.CacheEvent;
import io.tiered.runtime.CacheEventListener;
import io.tiered.runtime.CacheTier;
import io.tiered.runtime.TierFactory;
import io.tiered.runtime.TierSpec;
import io.tiered.runtime.TieredRuntime;
import io.tiered.runtime.Tiers;
import io.tiered.runtime.testing.ManualClock;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The snippets of docs/runtime-api.md, run as the page shows them (the test checks it does). */
class RuntimeApiSnippetsTest {
  private final CountingPriceService origin = new CountingPriceService();

  @Test
  void thePageShowsTheseSnippets() {
    List<String> snippets = DocSnippets.javaBlocks("docs/runtime-api.md");

    assertThat(snippets).hasSize(3);
    for (String snippet : snippets) {
      DocSnippets.assertShownIn(snippet, DocSnippets.TESTS.resolve("RuntimeApiSnippetsTest.java"));
    }
  }

  @Test
  void theBuilderTakesEverySetting() throws Exception {
    InstantSource instantSource = new ManualClock();
    List<CacheEvent> events = new CopyOnWriteArrayList<>();
    CacheEventListener cacheEventListener = events::add;
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      TieredRuntime runtime = TieredRuntime.builder()
          .tier("shared", Tiers.memory())        // bind a @Fallback tier name to a TierFactory
          .clock(instantSource)                  // java.time.InstantSource; ManualClock in tests
          .listener(cacheEventListener)          // telemetry; may be called several times
          .refreshExecutor(executor)             // default: a virtual thread per refresh
          .refreshConcurrency(64)                // refreshes calling the origin at once
          .insertPolicy((cache, tier, key, entry) -> true)
          .build();                              // AutoCloseable: closing stops refreshes
      try (runtime) {
        TieredPriceService prices = new TieredPriceService(origin, runtime);
        prices.price("sku-1");
        prices.price("sku-1");

        runtime.invalidateTag("product:sku-1");    // every entry carrying the tag, in every cache, tier
                                                   // and instance: what @InvalidateTag calls
        prices.price("sku-1");                     // PriceService has no tags: still cached
      }
    }

    assertThat(origin.calls()).isEqualTo(1);
    assertThat(events).isNotEmpty();
  }

  @Test
  void aCustomTierIsBoundThroughItsFactoryAndBoundedInTime() throws Exception {
    TierFactory factory = new TierFactory() {
      @Override public <K, V> CacheTier<K, V> create(TierSpec<K, V> spec) {
        return new MyTier<>(spec.cacheName(), spec.valueType(), spec.ttl());
      }
    };

    TieredRuntime runtime = TieredRuntime.builder()
        .tier("shared", Tiers.withTimeout(factory, Duration.ofMillis(200)))
        .build();
    try (runtime) {
      TieredPriceService prices = new TieredPriceService(origin, runtime);
      prices.price("sku-1");
      prices.priceCache().invalidateAll();
      prices.price("sku-1");
      prices.quote("sku-1", 2);

      assertThat(prices.priceCache().stats().tier("shared").inserts()).isEqualTo(2);
    }
    assertThat(origin.calls()).isEqualTo(3);
  }

  /** A tier of one's own: a map, which keeps entries past their ttl (the engine judges them). */
  private static final class MyTier<K, V> implements CacheTier<K, V> {
    private final Map<K, CacheEntry<V>> entries = new ConcurrentHashMap<>();

    MyTier(String cacheName, Type valueType, Duration ttl) {
      assertThat(cacheName).startsWith("PriceService.");
      assertThat(valueType).isNotNull();
      assertThat(ttl).isEqualTo(Duration.ofHours(1));
    }

    @Override
    public CacheEntry<V> get(K key) {
      return entries.get(key);
    }

    @Override
    public void put(K key, CacheEntry<V> entry) {
      entries.put(key, entry);
    }

    @Override
    public void invalidate(K key) {
      entries.remove(key);
    }

    @Override
    public void clear() {
      entries.clear();
    }
  }
}
