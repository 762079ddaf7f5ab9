package io.tiered.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tiered.runtime.internal.AsyncBulkLoader;
import io.tiered.runtime.internal.BulkCache;
import io.tiered.runtime.internal.BulkLoader;
import io.tiered.runtime.internal.CacheDefinition;
import io.tiered.runtime.testing.MockTier.Operation;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Semantics 12: bulk reads, key by key, one origin call for the missing keys. */
class BulkReadTest {
  private final Harness harness = new Harness();
  /** Callers of their own: the common pool may have a single thread on a small machine. */
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  /** The keys of each bulk origin call, in order. */
  private final List<List<String>> bulkCalls = new CopyOnWriteArrayList<>();
  /** The keys of each single-key origin call, in order. */
  private final List<String> singleCalls = new CopyOnWriteArrayList<>();

  private TieredCache<String, String> cache;

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  private BulkCache<String, String> bulk;

  private void build(CacheDefinition<String, String> definition, BulkLoader<String, String> bulkOrigin) {
    cache = harness.runtime.cache(definition, key -> {
      singleCalls.add(key);
      return "value-of-" + key;
    });
    bulk = harness.runtime.bulk(cache, keys -> {
      bulkCalls.add(List.copyOf(keys));
      return bulkOrigin.load(keys);
    });
  }

  private void build(CacheDefinition<String, String> definition) {
    build(definition, BulkReadTest::valuesOf);
  }

  private static Map<String, String> valuesOf(List<String> keys) {
    Map<String, String> values = new LinkedHashMap<>();
    keys.forEach(key -> values.put(key, "value-of-" + key));
    return values;
  }

  @Test
  void callsTheOriginOnceWithExactlyTheMissingKeys() {
    build(Harness.definition().build());
    cache.get("a");
    cache.get("b");

    Map<String, String> values = bulk.getAll(List.of("a", "b", "c", "d", "c"));

    assertThat(values).containsExactly("a", "value-of-a", "b", "value-of-b", "c", "value-of-c",
        "d", "value-of-d");
    assertThat(bulkCalls).containsExactly(List.of("c", "d"));
    assertThat(bulk.getAll(Set.of("a", "b", "c", "d"))).hasSize(4);
    assertThat(bulkCalls).hasSize(1);
    assertThat(cache.get("d")).isEqualTo("value-of-d");
    assertThat(singleCalls).containsExactly("a", "b");
  }

  @Test
  void readsEachFallbackTierOnceForTheKeysL1MissesAndPromotesItsHits() {
    build(Harness.definition().fallback("shared", Duration.ofHours(1), true).build());
    harness.shared.seed("Test.get", "b", CacheEntry.of("shared-b", harness.clock.instant(), null));
    cache.get("a");
    harness.shared.clearOperations();

    Map<String, String> values = bulk.getAll(List.of("a", "b", "c"));

    assertThat(values).containsExactly("a", "value-of-a", "b", "shared-b", "c", "value-of-c");
    assertThat(harness.shared.operations(Operation.Kind.GET)).containsExactly(
        new Operation(Operation.Kind.GET, "Test.get", "b"),
        new Operation(Operation.Kind.GET, "Test.get", "c"));
    assertThat(bulkCalls).containsExactly(List.of("c"));
    assertThat(harness.shared.peek("Test.get", "c").value()).isEqualTo("value-of-c");
    assertThat(harness.shared.peek("Test.get", "c").ttl()).hasValue(Duration.ofHours(1));
    harness.shared.clearOperations();
    assertThat(bulk.getAll(List.of("b", "c"))).hasSize(2); // both in L1 now
    assertThat(harness.shared.operations()).isEmpty();
  }

  @Test
  void awaitsKeysASingleKeyCallIsLoadingAndLoadsOnlyTheRest() throws Exception {
    CountDownLatch singleStarted = new CountDownLatch(1);
    CountDownLatch releaseSingle = new CountDownLatch(1);
    cache = harness.runtime.cache(Harness.definition().build(), key -> {
      singleCalls.add(key);
      singleStarted.countDown();
      releaseSingle.await();
      return "single-" + key;
    });
    bulk = harness.runtime.bulk(cache, keys -> {
      bulkCalls.add(List.copyOf(keys));
      return valuesOf(keys);
    });
    CompletableFuture<String> single = CompletableFuture.supplyAsync(() -> cache.get("c"), threads);
    assertThat(singleStarted.await(5, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Map<String, String>> values = bulk.getAllAsync(List.of("c", "d"));

    assertThat(bulkCalls).containsExactly(List.of("d"));
    assertThat(values.isDone()).isFalse(); // waiting for c
    releaseSingle.countDown();
    assertThat(values.get(5, TimeUnit.SECONDS))
        .containsExactly("c", "single-c", "d", "value-of-d");
    assertThat(single.get(5, TimeUnit.SECONDS)).isEqualTo("single-c");
    assertThat(singleCalls).containsExactly("c");
  }

  @Test
  void singleKeyAndBulkCallersWaitForTheKeysABulkCallIsLoading() throws Exception {
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    build(Harness.definition().build(), keys -> {
      if (keys.contains("x")) {
        firstStarted.countDown();
        releaseFirst.await();
      }
      return valuesOf(keys);
    });
    CompletableFuture<Map<String, String>> first =
        CompletableFuture.supplyAsync(() -> bulk.getAll(List.of("x", "y")), threads);
    assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<String> single = CompletableFuture.supplyAsync(() -> cache.get("x"), threads);
    CompletableFuture<Map<String, String>> second = bulk.getAllAsync(List.of("y", "z"));

    assertThat(bulkCalls).containsExactly(List.of("x", "y"), List.of("z")).inOrder();
    assertThat(second.isDone()).isFalse(); // waiting for y
    awaitCoalescedWaits(2);
    releaseFirst.countDown();
    assertThat(single.get(5, TimeUnit.SECONDS)).isEqualTo("value-of-x");
    assertThat(second.get(5, TimeUnit.SECONDS)).containsExactly("y", "value-of-y", "z", "value-of-z");
    assertThat(first.get(5, TimeUnit.SECONDS)).hasSize(2);
    assertThat(singleCalls).isEmpty();
    assertThat(cache.stats().coalescedWaits()).isEqualTo(2);
  }

  @Test
  void keysTheOriginOmitsAreAbsentAndNotCached() {
    build(Harness.definition().build(), keys -> {
      Map<String, String> values = valuesOf(keys);
      values.remove("b");
      values.put("extra", "ignored");
      return values;
    });

    assertThat(bulk.getAll(List.of("a", "b"))).containsExactly("a", "value-of-a");
    assertThat(bulk.getAll(List.of("a", "b"))).containsExactly("a", "value-of-a");

    assertThat(bulkCalls).containsExactly(List.of("a", "b"), List.of("b")).inOrder();
    assertThat(cache.get("extra")).isEqualTo("value-of-extra"); // the extra key was not cached
    assertThat(singleCalls).containsExactly("extra");
  }

  @Test
  void withCacheNullsAnOmittedKeyIsACachedNullForTheSingleKeyMethodToo() {
    build(Harness.definition().cacheNulls(true).fallback("shared", null, true).build(), keys -> {
      Map<String, String> values = valuesOf(keys);
      values.remove("b");
      return values;
    });

    assertThat(bulk.getAll(List.of("a", "b"))).containsExactly("a", "value-of-a");
    assertThat(bulk.getAll(List.of("a", "b"))).containsExactly("a", "value-of-a");

    assertThat(bulkCalls).containsExactly(List.of("a", "b"));
    assertThat(cache.get("b")).isNull();
    assertThat(singleCalls).isEmpty();
    assertThat(harness.shared.peek("Test.get", "b").value()).isNull();
  }

  @Test
  void anOriginFailureReachesEveryWaiterOfItsKeysAndLeavesOtherKeysAlone() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    IOException failure = new IOException("catalog down");
    build(Harness.definition().build(), keys -> {
      started.countDown();
      release.await();
      throw failure;
    });
    cache.get("a");
    CompletableFuture<Map<String, String>> failing =
        CompletableFuture.supplyAsync(() -> bulk.getAll(List.of("a", "b", "c")), threads);
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<String> waiter = CompletableFuture.supplyAsync(() -> cache.get("b"), threads);
    awaitCoalescedWaits(1);

    release.countDown();

    assertFailsWith(failing, failure);
    assertFailsWith(waiter, failure);
    assertThat(EngineProbe.inFlightCount(cache)).isEqualTo(0);
    assertThat(cache.get("a")).isEqualTo("value-of-a"); // loaded before: unaffected
    assertThat(singleCalls).containsExactly("a");
    IOException thrown = assertThrows(IOException.class, () -> bulk.getAll(List.of("b")));
    assertThat(thrown).isSameInstanceAs(failure); // not cached: the origin is asked again
    assertThat(bulkCalls).containsExactly(List.of("b", "c"), List.of("b")).inOrder();
  }

  @Test
  void staleIfErrorAnswersEachFailedKeyFromItsStaleValueAndFailsWithoutOne() throws Exception {
    IOException failure = new IOException("catalogue down");
    boolean[] down = {false};
    build(Harness.definition().ttl(Duration.ofMinutes(1))
        .staleIfError(Duration.ofHours(1), null).build(), keys -> {
      if (down[0]) {
        throw failure;
      }
      return valuesOf(keys);
    });
    bulk.getAll(List.of("a", "b"));
    harness.clock.advance(Duration.ofMinutes(2)); // past the ttl, well within the stale window
    down[0] = true;

    assertThat(bulk.getAll(List.of("a", "b"))).containsExactly("a", "value-of-a", "b", "value-of-b");
    assertThat(bulk.getAllAsync(List.of("a")).get(5, TimeUnit.SECONDS))
        .containsExactly("a", "value-of-a");
    assertThat(cache.stats().staleServed()).isEqualTo(3);
    // A key with no stale value fails the call with the origin's exception, as without stale-if-error.
    IOException thrown = assertThrows(IOException.class, () -> bulk.getAll(List.of("a", "c")));
    assertThat(thrown).isSameInstanceAs(failure);

    harness.clock.advance(Duration.ofHours(1)); // past ttl + stale: nothing may be served
    assertThrows(IOException.class, () -> bulk.getAll(List.of("a")));
    down[0] = false;
    assertThat(bulk.getAll(List.of("a", "b"))).containsExactly("a", "value-of-a", "b", "value-of-b");
    assertThat(cache.stats().staleServed()).isEqualTo(4); // "a" of the call that failed on "c"
  }

  private void awaitCoalescedWaits(long count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (cache.stats().coalescedWaits() < count && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertThat(cache.stats().coalescedWaits()).isEqualTo(count);
  }

  private static void assertFailsWith(CompletableFuture<?> future, Throwable expected) {
    Throwable thrown = assertThrows(Exception.class, () -> future.get(5, TimeUnit.SECONDS));
    assertThat(Futures.unwrap(thrown.getCause())).isSameInstanceAs(expected);
  }

  @Test
  void staleKeysAreServedAndRefreshedInOneBackgroundBatch() {
    List<Runnable> refreshes = new ArrayList<>();
    Harness manual = new Harness(TieredRuntime.builder().refreshExecutor(refreshes::add));
    TieredCache<String, String> refreshed = manual.cache(Harness.definition()
        .ttl(Duration.ofMinutes(5)).refreshAfter(Duration.ofMinutes(1)).build());
    List<List<String>> calls = new CopyOnWriteArrayList<>();
    BulkCache<String, String> reads = manual.runtime.bulk(refreshed, keys -> {
      calls.add(List.copyOf(keys));
      Map<String, String> values = new LinkedHashMap<>();
      keys.forEach(key -> values.put(key, "renewed-" + key));
      return values;
    });
    reads.getAll(List.of("a", "b", "c"));
    manual.clock.advance(Duration.ofMinutes(2));

    assertThat(reads.getAll(List.of("a", "b", "c", "d"))).containsExactly("a", "renewed-a",
        "b", "renewed-b", "c", "renewed-c", "d", "renewed-d");
    assertThat(refreshes).hasSize(1);
    refreshes.remove(0).run();

    assertThat(calls).containsExactly(List.of("a", "b", "c"), List.of("d"), List.of("a", "b", "c"))
        .inOrder();
    assertThat(refreshed.stats().originRefreshes()).isEqualTo(3);
    assertThat(EngineProbe.inFlightCount(refreshed)).isEqualTo(0);
  }

  @Test
  void aValueLoadedBeforeAnInvalidateIsNotServedAfterIt() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> generation = new CopyOnWriteArrayList<>(List.of("old"));
    build(Harness.definition().fallback("shared", null, true).build(), keys -> {
      String loaded = generation.get(0);
      started.countDown();
      release.await();
      Map<String, String> values = new LinkedHashMap<>();
      keys.forEach(key -> values.put(key, loaded));
      return values;
    });
    CompletableFuture<Map<String, String>> loading =
        CompletableFuture.supplyAsync(() -> bulk.getAll(List.of("a", "b")), threads);
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

    generation.set(0, "new");
    cache.invalidate("a");
    release.countDown();
    loading.get(5, TimeUnit.SECONDS);

    assertThat(bulk.getAll(List.of("a", "b"))).containsExactly("a", "new", "b", "old");
    assertThat(harness.shared.peek("Test.get", "a").value()).isEqualTo("new");
  }

  @Test
  void anAsyncCallersCallbacksSeeTheOriginsOwnException() throws Exception {
    IllegalStateException failure = new IllegalStateException("catalog down");
    TieredCache<String, String> asyncCache = harness.runtime.asyncCache(
        Harness.definition().build(), key -> CompletableFuture.failedFuture(failure));
    BulkCache<String, String> reads =
        harness.runtime.asyncBulk(asyncCache, keys -> CompletableFuture.failedFuture(failure));

    Throwable seen = reads.getAllAsync(List.of("a", "b")).handle((values, error) -> error)
        .get(5, TimeUnit.SECONDS);

    assertThat(seen).isSameInstanceAs(failure); // not a CompletionException around it
  }

  @Test
  void asyncOriginAndOneRequestIdPerCall() throws Exception {
    TieredCache<String, String> asyncCache = harness.runtime.asyncCache(
        Harness.definition().fallback("shared", null, true).build(),
        key -> CompletableFuture.completedFuture("single-" + key));
    AsyncBulkLoader<String, String> loader = keys -> CompletableFuture.supplyAsync(() -> {
      bulkCalls.add(List.copyOf(keys));
      return valuesOf(keys);
    });
    BulkCache<String, String> reads = harness.runtime.asyncBulk(asyncCache, loader);
    harness.events.clear();

    Map<String, String> values = reads.getAllAsync(List.of("a", "b")).get(5, TimeUnit.SECONDS);

    assertThat(values).containsExactly("a", "value-of-a", "b", "value-of-b");
    assertThat(bulkCalls).containsExactly(List.of("a", "b"));
    Set<Long> requestIds = new HashSet<>();
    harness.events.forEach(event -> requestIds.add(event.requestId()));
    assertThat(requestIds).hasSize(1);
    assertThat(harness.events(CacheEvent.Kind.MISS)).hasSize(4); // two keys, two tiers
    assertThat(harness.events(CacheEvent.Kind.LOADED)).hasSize(1);
    assertThat(harness.events(CacheEvent.Kind.INSERTED)).hasSize(4);
  }

  @Test
  void theOneKeyLoaderOfABulkOnlyCacheAsksTheBulkOriginForThatKey() {
    BulkLoader<String, String> loader = keys -> {
      bulkCalls.add(List.copyOf(keys));
      return valuesOf(keys);
    };
    TieredCache<String, String> own = harness.runtime.cache(Harness.definition().build(), loader.one());

    assertThat(own.get("a")).isEqualTo("value-of-a");
    assertThat(harness.runtime.bulk(own, loader).getAll(List.of("a", "b"))).hasSize(2);
    assertThat(bulkCalls).containsExactly(List.of("a"), List.of("b")).inOrder();
  }

  @Test
  void aFallbackTierThatHangsIsOneTimedOutBatchReadAndTheOriginAnswers() {
    CountDownLatch never = new CountDownLatch(1);
    CacheTier<Object, Object> hanging = new CacheTier<>() {
      @Override
      public CacheEntry<Object> get(Object key) {
        try {
          never.await();
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
        }
        return null;
      }

      @Override public void put(Object key, CacheEntry<Object> entry) {}
      @Override public void invalidate(Object key) {}
      @Override public void clear() {}
    };
    Harness slow = new Harness(TieredRuntime.builder().tier("slow",
        Tiers.withTimeout(Harness.factoryOf(hanging), Duration.ofMillis(50))));
    TieredCache<String, String> cached = slow.cache(Harness.definition()
        .fallback("slow", null, true).build());
    BulkCache<String, String> reads = slow.runtime.bulk(cached, BulkReadTest::valuesOf);

    assertThat(reads.getAll(List.of("a", "b", "c"))).hasSize(3);

    assertThat(slow.events(CacheEvent.Kind.ERROR)).hasSize(1);
    assertThat(slow.events(CacheEvent.Kind.ERROR).get(0).error())
        .isInstanceOf(TierTimeoutException.class);
  }

  @Test
  void theInsertPolicyDecidesForEachKeyAndTier() {
    Harness picky = new Harness(TieredRuntime.builder().insertPolicy(
        (cacheName, tier, key, entry) -> !(tier.equals("shared") && key.equals("b"))));
    TieredCache<String, String> cached =
        picky.cache(Harness.definition().fallback("shared", null, true).build());
    BulkCache<String, String> reads = picky.runtime.bulk(cached, BulkReadTest::valuesOf);

    assertThat(reads.getAll(List.of("a", "b"))).hasSize(2);

    assertThat(picky.shared.peek("Test.get", "a").value()).isEqualTo("value-of-a");
    assertThat(picky.shared.peek("Test.get", "b")).isNull();
    assertThat(picky.events(CacheEvent.Kind.INSERT_REJECTED)).hasSize(1);
    assertThat(cached.stats().tier("shared").inserts()).isEqualTo(1);
  }

  @Test
  void rejectsACacheNotMadeByARuntime() {
    TieredCache<String, String> foreign = new ForeignCache();
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> harness.runtime.bulk(foreign, BulkReadTest::valuesOf));
    assertThat(thrown).hasMessageThat().contains("TieredRuntime.cache");
  }

  /** A hand-written TieredCache: bulk reads cannot share its loads. */
  private static final class ForeignCache implements TieredCache<String, String> {
    private final Function<String, String> values = key -> key;

    @Override public String name() { return "foreign"; }
    @Override public String get(String key) { return values.apply(key); }
    @Override public CompletableFuture<String> getAsync(String key) { return CompletableFuture.completedFuture(key); }
    @Override public void put(String key, String value) {}
    @Override public void invalidate(String key) {}
    @Override public void invalidateAll(Iterable<? extends String> keys) {}
    @Override public void invalidateAll() {}
    @Override public CacheStats stats() { throw new UnsupportedOperationException(); }
  }
}
