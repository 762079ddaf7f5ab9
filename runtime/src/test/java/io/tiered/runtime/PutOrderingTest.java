package io.tiered.runtime;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.SECONDS;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * How a put is ordered with the loads and invalidates of its key, in the histories Lincheck found
 * (see {@code EngineLincheckTest}). Semantics 7, "a put made while a load of its key runs survives
 * the load", also when the put lands after the load wrote L1 and before it settled: the load,
 * dropped by the put, takes back only what it wrote to the fallback tiers, its L1 write always
 * preceding the put's own. And a put is not served before it reaches L1.
 */
class PutOrderingTest {
  private static final String LOADED = "value-of-a";

  @Test
  void aPutBetweenALoadsL1AndFallbackWritesSurvivesInEveryTier() throws Exception {
    CountDownLatch l1Written = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // Asked before each write: the load's write to the fallback tier comes after its L1 write.
    Harness harness = new Harness(TieredRuntime.builder().insertPolicy((cache, tier, key, entry) -> {
      if (tier.equals("shared") && LOADED.equals(entry.value())) {
        l1Written.countDown();
        await(release);
      }
      return true;
    }));
    TieredCache<String, String> cache =
        harness.cache(Harness.definition().fallback("shared", null, true).build());
    try (harness.runtime; ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<String> load = threads.submit(() -> cache.get("a"));
      assertThat(l1Written.await(5, SECONDS)).isTrue();
      cache.put("a", "put");
      release.countDown();

      assertThat(load.get(5, SECONDS)).isEqualTo(LOADED); // it began before the put
      assertThat(cache.get("a")).isEqualTo("put");
      assertThat(harness.shared.peek("Test.get", "a").value()).isEqualTo("put");
      assertThat(harness.originCalls.get()).isEqualTo(1);
    }
  }

  @Test
  void aPutBeforeALoadsLateFallbackWriteSurvivesInL1() throws Exception {
    HoldFirstPutTier remote = new HoldFirstPutTier();
    Harness harness = new Harness(TieredRuntime.builder().tier("remote", Harness.factoryOf(remote)));
    TieredCache<String, String> cache =
        harness.cache(Harness.definition().fallback("remote", null, true).build());
    try (harness.runtime; ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<String> load = threads.submit(() -> cache.get("a"));
      assertThat(remote.arrived.await(5, SECONDS)).isTrue(); // its write passed its check
      cache.put("a", "put");
      remote.release.countDown(); // the load's older value lands over the put's, then goes

      assertThat(load.get(5, SECONDS)).isEqualTo(LOADED);
      assertThat(cache.get("a")).isEqualTo("put");
      CacheEntry<Object> left = remote.entries.get("a");
      assertThat(left == null ? null : left.value()).isNotEqualTo(LOADED);
      assertThat(harness.originCalls.get()).isEqualTo(1);
    }
  }

  /**
   * A put writes L1 first, while it is the key's newest write, then the fallback tiers. An
   * invalidate amid its writes drops it: its fallback write, landing after the invalidate, is
   * undone, and no later read serves what the invalidate removed.
   */
  @Test
  void anInvalidateAmidAPutsWritesLeavesTheKeyInvalidated() throws Exception {
    HoldFirstPutTier remote = new HoldFirstPutTier();
    remote.landFirst = true;
    Harness harness = new Harness(TieredRuntime.builder().tier("remote", Harness.factoryOf(remote)));
    TieredCache<String, String> cache =
        harness.cache(Harness.definition().fallback("remote", null, true).build());
    try (harness.runtime; ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<?> put = threads.submit(() -> cache.put("a", "put"));
      assertThat(remote.arrived.await(5, SECONDS)).isTrue(); // in the fallback tier, not in L1

      String amid = cache.get("a");
      cache.invalidate("a");
      remote.release.countDown();
      put.get(5, SECONDS);

      // Linearizable as put, read, invalidate: the key is then loaded again.
      assertThat(amid).isEqualTo("put");
      assertThat(remote.entries.get("a")).isNull();
      assertThat(cache.get("a")).isEqualTo(LOADED);
    }
  }

  /**
   * A load that registers while a put is between its fallback and L1 writes misses the put's
   * value in the fallback tier (see above) and calls the origin: its L1 write must not land after
   * the put's.
   */
  @Test
  void aLoadThatMissedAPutInTheFallbackTierDoesNotLandOverItInL1() throws Exception {
    CountDownLatch putInFallback = new CountDownLatch(1);
    CountDownLatch releasePut = new CountDownLatch(1);
    Harness harness = new Harness(TieredRuntime.builder().insertPolicy((cache, tier, key, entry) -> {
      if (tier.equals(CacheEvent.L1) && "put".equals(entry.value())) {
        putInFallback.countDown();
        await(releasePut);
      }
      return true;
    }));
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch releaseLoad = new CountDownLatch(1);
    TieredCache<String, String> cache = harness.runtime.cache(
        Harness.definition().fallback("shared", null, true).build(), key -> {
          loading.countDown();
          await(releaseLoad);
          return LOADED;
        });
    try (harness.runtime; ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<?> put = threads.submit(() -> cache.put("a", "put"));
      assertThat(putInFallback.await(5, SECONDS)).isTrue(); // past its last drop of loads
      Future<String> read = threads.submit(() -> cache.get("a"));
      assertThat(loading.await(5, SECONDS)).isTrue(); // registered, and calling the origin
      releasePut.countDown();
      put.get(5, SECONDS);
      releaseLoad.countDown();

      assertThat(read.get(5, SECONDS)).isEqualTo(LOADED); // ordered before the put
      assertThat(cache.get("a")).isEqualTo("put");
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(5, SECONDS)) {
        throw new IllegalStateException("never released");
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(interrupted);
    }
  }

  /**
   * A map-backed tier whose first put waits for {@link #release} before it lands, or once it
   * landed when {@link #landFirst}.
   */
  private static final class HoldFirstPutTier implements CacheTier<Object, Object> {
    final Map<Object, CacheEntry<Object>> entries = new ConcurrentHashMap<>();
    final CountDownLatch arrived = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    volatile boolean landFirst;

    @Override
    public @Nullable CacheEntry<Object> get(Object key) {
      return entries.get(key);
    }

    @Override
    public void put(Object key, CacheEntry<Object> entry) {
      boolean first = arrived.getCount() > 0;
      if (first && landFirst) {
        entries.put(key, entry);
      }
      arrived.countDown();
      if (first) {
        PutOrderingTest.await(release);
      }
      if (!first || !landFirst) {
        entries.put(key, entry);
      }
    }

    @Override
    public void invalidate(Object key) {
      entries.remove(key);
    }

    @Override
    public void clear() {
      entries.clear();
    }
  }
}
