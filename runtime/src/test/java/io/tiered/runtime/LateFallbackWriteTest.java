package io.tiered.runtime;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.SECONDS;

import io.tiered.runtime.internal.CacheDefinition;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A load that an invalidate dropped may still land its older value in a fallback tier (its write
 * there is not atomic with the invalidate) before it takes it back. A read that starts after the
 * invalidate returned must not be served that value meanwhile: here the fallback tier holds the
 * load right after its late write landed, and a new read comes in.
 */
class LateFallbackWriteTest {
  private final AtomicReference<String> current = new AtomicReference<>("v1");
  private final LandThenHoldTier shared = new LandThenHoldTier();
  private final TieredRuntime runtime =
      TieredRuntime.builder().tier("shared", shared.factory()).build();
  private final TieredCache<String, String> cache = runtime.cache(
      CacheDefinition.<String, String>builder("Test.get", String.class, String.class)
          .fallback("shared", null, true)
          .build(),
      key -> current.get());

  @AfterEach
  void closeRuntime() {
    runtime.close();
  }

  @Test
  void aReadAfterAnInvalidateIsNotServedADroppedLoadsLateFallbackWrite() throws Exception {
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<String> early = threads.submit(() -> cache.get("a")); // loads v1
      assertThat(shared.arrived.await(5, SECONDS)).isTrue(); // its write passed its check
      current.set("v2");
      cache.invalidate("a");
      shared.go.countDown();
      assertThat(shared.landed.await(5, SECONDS)).isTrue(); // v1 is in the fallback now

      String afterTheInvalidate = cache.get("a");
      shared.release.countDown();

      assertThat(afterTheInvalidate).isEqualTo("v2");
      assertThat(early.get(5, SECONDS)).isEqualTo("v1");
    }
    assertThat(cache.get("a")).isEqualTo("v2");
    CacheEntry<Object> left = shared.entries.get("a");
    assertThat(left == null ? null : left.value()).isNotEqualTo("v1");
  }

  /**
   * A map-backed tier whose first put waits for {@link #go} before it lands, then for
   * {@link #release}.
   */
  private static final class LandThenHoldTier {
    final Map<Object, CacheEntry<Object>> entries = new ConcurrentHashMap<>();
    final CountDownLatch arrived = new CountDownLatch(1);
    final CountDownLatch go = new CountDownLatch(1);
    final CountDownLatch landed = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    TierFactory factory() {
      return new TierFactory() {
        @Override
        @SuppressWarnings("unchecked")
        public <K, V> CacheTier<K, V> create(TierSpec<K, V> spec) {
          return (CacheTier<K, V>) new Tier();
        }
      };
    }

    private final class Tier implements CacheTier<Object, Object> {
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
}
