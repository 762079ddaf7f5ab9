package io.tiered.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.awaitility.Awaitility.await;

import io.tiered.runtime.internal.BulkCache;
import io.tiered.runtime.internal.CacheDefinition;
import io.tiered.runtime.testing.ManualClock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A refresh is registered as the key's load when a stale read schedules it, but it may wait long
 * for its permit. A read that needs the key loaded (it expired meanwhile) must not wait for it.
 */
class QueuedRefreshTest {
  private final ManualClock clock = new ManualClock();
  private final Map<String, AtomicInteger> loads = new ConcurrentHashMap<>();
  private final AtomicBoolean holdRefreshOfB = new AtomicBoolean();
  private final CountDownLatch refreshingB = new CountDownLatch(1);
  private final CountDownLatch finishB = new CountDownLatch(1);

  /** "a1", "a2", ...: the key and how many times the origin loaded it. */
  private String origin(String key) throws InterruptedException {
    if (key.equals("b") && holdRefreshOfB.get()) {
      refreshingB.countDown();
      finishB.await(); // holds the runtime's only refresh permit
    }
    return key + loads.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
  }

  private TieredRuntime runtime() {
    return TieredRuntime.builder().clock(clock).refreshConcurrency(1).build();
  }

  private static CacheDefinition<String, String> refreshed() {
    return CacheDefinition.<String, String>builder("Test.get", String.class, String.class)
        .ttl(Duration.ofMinutes(2)).refreshAfter(Duration.ofMinutes(1)).build();
  }

  @Test
  void aReadOfAnExpiredKeyNeverWaitsForItsRefreshQueuedForAPermit() throws Exception {
    try (TieredRuntime runtime = runtime()) {
      TieredCache<String, String> cache = runtime.cache(refreshed(), this::origin);
      queueRefreshOfABehindOneOfB(key -> cache.get(key));

      clock.advance(Duration.ofMinutes(1)); // 150 s: past the ttl, a's refresh still queued
      CompletableFuture<String> read =
          CompletableFuture.supplyAsync(() -> cache.get("a"), Thread.ofVirtual()::start);

      assertThat(read.get(5, TimeUnit.SECONDS)).isEqualTo("a2"); // loaded by the read itself
      finishB.countDown();
      await().atMost(Duration.ofSeconds(5)).until(() -> EngineProbe.inFlightCount(cache) == 0);
      assertThat(loads.get("a").get()).isEqualTo(2); // the queued refresh, superseded, never ran
      assertThat(cache.get("a")).isEqualTo("a2");
    }
  }

  @Test
  void aBulkReadOfAnExpiredKeyNeverWaitsForItsRefreshQueuedForAPermit() throws Exception {
    try (TieredRuntime runtime = runtime()) {
      TieredCache<String, String> cache = runtime.cache(refreshed(), this::origin);
      BulkCache<String, String> bulk = runtime.bulk(cache, keys -> {
        Map<String, String> values = new HashMap<>();
        for (String key : keys) {
          values.put(key, origin(key));
        }
        return values;
      });
      queueRefreshOfABehindOneOfB(key -> bulk.getAll(List.of(key)));

      clock.advance(Duration.ofMinutes(1));
      CompletableFuture<Map<String, String>> read =
          CompletableFuture.supplyAsync(() -> bulk.getAll(List.of("a")), Thread.ofVirtual()::start);

      assertThat(read.get(5, TimeUnit.SECONDS)).containsExactly("a", "a2");
      finishB.countDown();
      await().atMost(Duration.ofSeconds(5)).until(() -> EngineProbe.inFlightCount(cache) == 0);
      assertThat(loads.get("a").get()).isEqualTo(2);
    }
  }

  /**
   * Loads a and b at 0 s; at 90 s both are stale: b's refresh takes the only permit and hangs in
   * the origin, a's is queued behind it. Reads through {@code read}.
   */
  private void queueRefreshOfABehindOneOfB(Consumer<String> read)
      throws InterruptedException {
    read.accept("a");
    read.accept("b");
    holdRefreshOfB.set(true);
    clock.advance(Duration.ofSeconds(90));
    read.accept("b");
    assertThat(refreshingB.await(5, TimeUnit.SECONDS)).isTrue();
    read.accept("a");
  }
}
