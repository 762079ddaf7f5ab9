package io.tiered.runtime;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.SECONDS;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * A load that an invalidate dropped may still land its older value in a fallback tier (its write
 * there is not atomic with the invalidate) before it takes it back. A read that starts after the
 * invalidate returned must not be served that value meanwhile: here the fallback tier holds the
 * load right after its late write landed, and a new read comes in.
 */
class LateFallbackWriteTest {
  private final AtomicReference<String> current = new AtomicReference<>("v1");
  private final LandThenHoldTier remote = new LandThenHoldTier();
  private final Harness harness =
      new Harness(TieredRuntime.builder().tier("remote", Harness.factoryOf(remote)));

  @Test
  void aReadAfterAnInvalidateIsNotServedADroppedLoadsLateFallbackWrite() throws Exception {
    TieredCache<String, String> cache = harness.runtime.cache(
        Harness.definition().fallback("remote", null, true).build(), key -> current.get());
    try (harness.runtime; ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<String> early = threads.submit(() -> cache.get("a")); // loads v1
      assertThat(remote.arrived.await(5, SECONDS)).isTrue(); // its write passed its check
      current.set("v2");
      cache.invalidate("a");
      remote.go.countDown();
      assertThat(remote.landed.await(5, SECONDS)).isTrue(); // v1 is in the fallback now

      String afterTheInvalidate = cache.get("a");
      remote.release.countDown();

      assertThat(afterTheInvalidate).isEqualTo("v2");
      assertThat(early.get(5, SECONDS)).isEqualTo("v1");
      assertThat(cache.get("a")).isEqualTo("v2");
      CacheEntry<Object> left = remote.entries.get("a");
      assertThat(left == null ? null : left.value()).isNotEqualTo("v1");
    }
  }

  /**
   * A map-backed tier whose first put waits for {@link #go} before it lands, then for
   * {@link #release}.
   */
  private static final class LandThenHoldTier implements CacheTier<Object, Object> {
    final Map<Object, CacheEntry<Object>> entries = new ConcurrentHashMap<>();
    final CountDownLatch arrived = new CountDownLatch(1);
    final CountDownLatch go = new CountDownLatch(1);
    final CountDownLatch landed = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public @Nullable CacheEntry<Object> get(Object key) {
      return entries.get(key);
    }

    @Override
    public void put(Object key, CacheEntry<Object> entry) {
      boolean first = arrived.getCount() > 0;
      arrived.countDown();
      await(first, go);
      entries.put(key, entry);
      landed.countDown();
      await(first, release);
    }

    private void await(boolean first, CountDownLatch latch) {
      try {
        if (first && !latch.await(5, SECONDS)) {
          throw new IllegalStateException("never released");
        }
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(interrupted);
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
