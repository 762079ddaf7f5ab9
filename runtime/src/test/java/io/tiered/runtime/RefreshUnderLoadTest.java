package io.tiered.runtime;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;

import io.tiered.runtime.internal.CacheDefinition;
import io.tiered.runtime.testing.ManualClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** 10,000 keys go stale at once: reads stay instant, refreshes respect the bound, all finish. */
class RefreshUnderLoadTest {
  private static final int KEYS = 10_000;
  private static final int BOUND = 400;

  private final ManualClock clock = new ManualClock();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger mostRunning = new AtomicInteger();
  private final AtomicInteger generation = new AtomicInteger();

  @Test
  void staleBurstRefreshesEveryKeyWithoutFloodingTheOrigin() {
    try (TieredRuntime runtime =
        TieredRuntime.builder().clock(clock).refreshConcurrency(BOUND).build()) {
      TieredCache<Integer, Integer> cache = runtime.cache(
          CacheDefinition.<Integer, Integer>builder("Burst.get", Integer.class, Integer.class)
              .maximumSize(KEYS * 2).ttl(Duration.ofHours(1)).refreshAfter(Duration.ofMinutes(1))
              .build(),
          key -> slowOrigin());
      for (int key = 0; key < KEYS; key++) {
        cache.get(key);
      }
      generation.set(1);
      clock.advance(Duration.ofMinutes(2));

      long start = System.nanoTime();
      for (int key = 0; key < KEYS; key++) {
        assertThat(cache.get(key)).isEqualTo(0); // stale value, served at once
      }
      long readMillis = (System.nanoTime() - start) / 1_000_000;

      await().atMost(30, SECONDS).until(() -> cache.stats().refreshes() == KEYS);
      for (int key = 0; key < KEYS; key++) {
        assertThat(cache.get(key)).isEqualTo(1);
      }
      assertThat(mostRunning.get()).isAtMost(BOUND);
      // 10,000 reads while 10,000 refreshes are queued take far less than one 50 ms origin call each.
      assertThat(readMillis).isLessThan(KEYS * 50L / BOUND);
      assertThat(EngineProbe.inFlightCount(cache)).isEqualTo(0);
    }
  }

  private int slowOrigin() throws InterruptedException {
    int now = running.incrementAndGet();
    mostRunning.accumulateAndGet(now, Math::max);
    try {
      if (generation.get() > 0) {
        Thread.sleep(50);
      }
      return generation.get();
    } finally {
      running.decrementAndGet();
    }
  }
}
