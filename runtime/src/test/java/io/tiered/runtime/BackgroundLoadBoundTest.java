package io.tiered.runtime;

import static com.google.common.truth.Truth.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * With a soft timeout, loads run on threads of their own so that callers can stop waiting; an
 * origin that hangs must not leave one per distinct key. Past the bound, a load runs on its
 * caller's thread.
 */
class BackgroundLoadBoundTest {
  private static final int BOUND = FailSafe.MAX_BACKGROUND_LOADS;

  @Test
  void pastTheBoundALoadRunsOnItsCallersThread() throws Exception {
    CountDownLatch hung = new CountDownLatch(BOUND);
    CountDownLatch recover = new CountDownLatch(1);
    List<Thread> loadedOn = new ArrayList<>();
    try (TieredRuntime runtime = TieredRuntime.builder().build()) {
      TieredCache<String, String> cache = runtime.cache(Harness.definition()
          .ttl(Duration.ofMinutes(5)).staleIfError(Duration.ofHours(1), Duration.ofMillis(50))
          .build(), key -> {
            if (key.equals("past the bound")) {
              synchronized (loadedOn) {
                loadedOn.add(Thread.currentThread());
              }
              return "loaded";
            }
            hung.countDown();
            recover.await(); // the origin hangs
            return "late";
          });
      List<CompletableFuture<String>> waiting = new ArrayList<>();
      for (int key = 0; key < BOUND; key++) {
        String distinct = "key-" + key;
        waiting.add(CompletableFuture.supplyAsync(() -> cache.get(distinct),
            Thread.ofVirtual()::start));
      }
      assertThat(hung.await(10, TimeUnit.SECONDS)).isTrue(); // every background load is taken

      Thread caller = Thread.currentThread();
      assertThat(cache.get("past the bound")).isEqualTo("loaded");

      assertThat(loadedOn).containsExactly(caller);
      recover.countDown();
      for (CompletableFuture<String> call : waiting) {
        assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo("late");
      }
    }
  }
}
