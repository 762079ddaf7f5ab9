package io.tiered.runtime;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;

import io.tiered.runtime.internal.CacheDefinition;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Semantics 2, 4 and 7: refresh, stampede protection and async coalescing, under real threads. */
class ConcurrencyTest {
  private final Harness harness = new Harness();
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

  @AfterEach
  void stop() {
    threads.shutdownNow();
    harness.runtime.close();
  }

  @Test
  void staleHitIsServedAtOnceWhileExactlyOneRefreshRuns() throws Exception {
    CountDownLatch releaseRefresh = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    TieredCache<String, String> cache = harness.runtime.cache(refreshing(), key -> {
      if (calls.incrementAndGet() > 1) {
        releaseRefresh.await();
      }
      return "v" + calls.get();
    });
    assertThat(cache.get("a")).isEqualTo("v1");
    harness.clock.advance(Duration.ofMinutes(2));

    List<Future<String>> reads = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      reads.add(threads.submit(() -> cache.get("a")));
    }
    for (Future<String> read : reads) {
      assertThat(read.get(5, SECONDS)).isEqualTo("v1"); // never waits for the refresh
    }
    releaseRefresh.countDown();

    await().atMost(5, SECONDS).until(() -> "v2".equals(cache.get("a")));
    assertThat(calls.get()).isEqualTo(2);
    assertThat(cache.stats().refreshes()).isEqualTo(1);
    assertThat(EngineProbe.inFlightCount(cache)).isEqualTo(0);
    assertThat(harness.events(CacheEvent.Kind.REFRESH_HIT)).hasSize(1);
  }

  @Test
  void failedRefreshKeepsTheOldValueAndLeavesNoKeyInFlight() {
    AtomicInteger calls = new AtomicInteger();
    TieredCache<String, String> cache = harness.runtime.cache(refreshing(), key -> {
      if (calls.incrementAndGet() > 1) {
        throw new IOException("origin down");
      }
      return "v1";
    });
    cache.get("a");
    harness.clock.advance(Duration.ofMinutes(2));

    assertThat(cache.get("a")).isEqualTo("v1");

    await().atMost(5, SECONDS).until(() -> cache.stats().refreshFailures() == 1);
    await().atMost(5, SECONDS)
        .until(() -> EngineProbe.inFlightCount(cache) == 0);
    assertThat(cache.get("a")).isEqualTo("v1");
    // The next stale read tries again: the failed key was not stuck.
    await().atMost(5, SECONDS).until(() -> {
      cache.get("a");
      return calls.get() >= 3;
    });
    assertThat(harness.events(CacheEvent.Kind.REFRESH_MISS)).isNotEmpty();
  }

  @Test
  void interruptedRefreshLeavesNoKeyInFlight() throws Exception {
    CountDownLatch refreshing = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    TieredCache<String, String> cache = harness.runtime.cache(refreshing(), key -> {
      if (calls.incrementAndGet() > 1) {
        refreshing.countDown();
        new CountDownLatch(1).await(); // blocks until interrupted
      }
      return "v1";
    });
    cache.get("a");
    harness.clock.advance(Duration.ofMinutes(2));
    cache.get("a");
    assertThat(refreshing.await(5, SECONDS)).isTrue();

    harness.runtime.close(); // interrupts the refresh's virtual thread

    await().atMost(5, SECONDS)
        .until(() -> EngineProbe.inFlightCount(cache) == 0);
    assertThat(cache.get("a")).isEqualTo("v1");
    assertThat(calls.get()).isEqualTo(2); // closed: no new refresh scheduled
  }

  @Test
  void aRefreshQueuedOnTheCallersExecutorDoesNotRunAfterClose() {
    List<Runnable> queued = new ArrayList<>();
    Harness withQueue = new Harness(TieredRuntime.builder().refreshExecutor(queued::add));
    TieredCache<String, String> cache = withQueue.cache(refreshing());
    cache.get("a");
    withQueue.clock.advance(Duration.ofMinutes(2));
    cache.get("a"); // queues a refresh
    assertThat(queued).hasSize(1);

    withQueue.runtime.close();
    queued.get(0).run();

    assertThat(withQueue.originCalls.get()).isEqualTo(1);
    assertThat(EngineProbe.inFlightCount(cache)).isEqualTo(0);
    assertThat(cache.stats().refreshFailures()).isEqualTo(1);
  }

  /**
   * Refreshes past the bound wait in a queue, not on a thread each: the executor is handed one
   * when a running one ends. Closing the runtime tells those still waiting they cannot run.
   */
  @Test
  void refreshesPastTheBoundHoldNoThreadAndEndWithTheRuntime() {
    List<Runnable> handed = new ArrayList<>();
    Harness bounded = new Harness(
        TieredRuntime.builder().refreshExecutor(handed::add).refreshConcurrency(1));
    TieredCache<String, String> cache = bounded.cache(refreshing());
    List.of("a", "b", "c").forEach(cache::get);
    bounded.clock.advance(Duration.ofMinutes(2));
    List.of("a", "b", "c").forEach(cache::get); // three refreshes scheduled

    assertThat(handed).hasSize(1);
    handed.get(0).run();
    assertThat(handed).hasSize(2); // the next, once the first ended

    bounded.runtime.close();
    handed.get(1).run();

    assertThat(bounded.originCalls.get()).isEqualTo(4); // three loads, one refresh
    assertThat(EngineProbe.inFlightCount(cache)).isEqualTo(0);
    assertThat(cache.stats().refreshFailures()).isEqualTo(2);
  }

  @Test
  void refreshReadsAFallbackTierOnlyWhenItHoldsAFresherValue() {
    TieredCache<String, String> cache = harness.cache(Harness.definition()
        .ttl(Duration.ofMinutes(10)).refreshAfter(Duration.ofMinutes(1))
        .fallback("shared", null, true).build());
    cache.get("a");
    harness.clock.advance(Duration.ofMinutes(2));
    harness.shared.seed("Test.get", "a", CacheEntry.of("from-peer", harness.clock.instant(), null));

    cache.get("a");

    await().atMost(5, SECONDS).until(() -> "from-peer".equals(cache.get("a")));
    assertThat(harness.originCalls.get()).isEqualTo(1);
  }

  @Test
  void stampedeOf200VirtualThreadsMakesOneOriginCall() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    TieredCache<String, String> cache = harness.runtime.cache(Harness.definition().build(), key -> {
      calls.incrementAndGet();
      release.await();
      return "loaded";
    });

    List<Future<String>> callers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      callers.add(threads.submit(() -> cache.get("cold")));
    }
    await().atMost(5, SECONDS).until(() -> cache.stats().coalescedWaits() == 199);
    release.countDown();

    for (Future<String> caller : callers) {
      assertThat(caller.get(5, SECONDS)).isEqualTo("loaded");
    }
    assertThat(calls.get()).isEqualTo(1);
  }

  @Test
  void stampedeThatFailsGivesEveryCallerTheSameException() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    IOException failure = new IOException("origin down");
    AtomicInteger calls = new AtomicInteger();
    TieredCache<String, String> cache = harness.runtime.cache(Harness.definition().build(), key -> {
      calls.incrementAndGet();
      release.await();
      throw failure;
    });

    List<Future<Throwable>> callers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      callers.add(threads.submit(() -> {
        try {
          cache.get("cold");
          return null;
        } catch (Throwable thrown) {
          return thrown;
        }
      }));
    }
    await().atMost(5, SECONDS).until(() -> cache.stats().coalescedWaits() == 199);
    release.countDown();

    for (Future<Throwable> caller : callers) {
      assertThat(caller.get(5, SECONDS)).isSameInstanceAs(failure);
    }
    assertThat(calls.get()).isEqualTo(1);
    assertThat(EngineProbe.inFlightCount(cache)).isEqualTo(0);
  }

  @Test
  void asyncCallersShareOneInFlightFutureAndTheCompletedValueIsCached() throws Exception {
    CompletableFuture<String> origin = new CompletableFuture<>();
    AtomicInteger calls = new AtomicInteger();
    TieredCache<String, String> cache = harness.runtime.asyncCache(Harness.definition().build(),
        key -> {
          calls.incrementAndGet();
          return origin;
        });

    List<CompletableFuture<String>> results = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      results.add(cache.getAsync("a"));
    }
    assertThat(results.get(0).isDone()).isFalse();
    origin.complete("async");

    for (CompletableFuture<String> result : results) {
      assertThat(result.get(5, SECONDS)).isEqualTo("async");
    }
    assertThat(cache.getAsync("a").get(5, SECONDS)).isEqualTo("async");
    assertThat(cache.get("a")).isEqualTo("async");
    assertThat(calls.get()).isEqualTo(1);
  }

  @Test
  void anAsyncCallerThatCancelsOrCompletesItsFutureDecidesNothingForTheOthers() throws Exception {
    CompletableFuture<String> origin = new CompletableFuture<>();
    TieredCache<String, String> cache =
        harness.runtime.asyncCache(Harness.definition().build(), key -> origin);

    CompletableFuture<String> impatient = cache.getAsync("a");
    CompletableFuture<String> meddling = cache.getAsync("a");
    CompletableFuture<String> patient = cache.getAsync("a");
    impatient.cancel(true);
    meddling.complete("bogus");
    origin.complete("loaded");

    assertThat(patient.get(5, SECONDS)).isEqualTo("loaded");
    assertThat(cache.get("a")).isEqualTo("loaded");
  }

  @Test
  void failedFuturesAreNotCached() throws Exception {
    IllegalStateException failure = new IllegalStateException("boom");
    AtomicInteger calls = new AtomicInteger();
    TieredCache<String, String> cache = harness.runtime.asyncCache(Harness.definition().build(),
        key -> calls.incrementAndGet() == 1
            ? CompletableFuture.failedFuture(failure)
            : CompletableFuture.completedFuture("recovered"));

    CompletableFuture<String> first = cache.getAsync("a");

    assertThat(first.isCompletedExceptionally()).isTrue();
    assertThat(first.exceptionNow()).isSameInstanceAs(failure);
    assertThat(cache.getAsync("a").get(5, SECONDS)).isEqualTo("recovered");
    assertThat(calls.get()).isEqualTo(2);
  }

  @Test
  void asyncCallersCallbacksSeeTheOriginsOwnException() throws Exception {
    IllegalStateException failure = new IllegalStateException("origin down");
    CompletableFuture<String> origin = new CompletableFuture<>();
    TieredCache<String, String> cache =
        harness.runtime.asyncCache(Harness.definition().build(), key -> origin);

    CompletableFuture<String> first = cache.getAsync("a");
    CompletableFuture<String> joined = cache.getAsync("a");
    origin.completeExceptionally(failure);

    // not a CompletionException around it, as a copy of the shared load would hold
    assertThat(first.handle((value, error) -> error).get(5, SECONDS)).isSameInstanceAs(failure);
    assertThat(joined.handle((value, error) -> error).get(5, SECONDS)).isSameInstanceAs(failure);
  }

  private static CacheDefinition<String, String> refreshing() {
    return Harness.definition()
        .ttl(Duration.ofMinutes(10))
        .refreshAfter(Duration.ofMinutes(1))
        .build();
  }

  @Test
  void aPutDuringALoadSurvivesTheLoad() throws Exception {
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    TieredCache<String, String> cache = harness.runtime.cache(
        Harness.definition().fallback("shared", null, true).build(), key -> {
          calls.incrementAndGet();
          loading.countDown();
          release.await();
          return "loaded-before-the-put";
        });

    try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<String> caller = callers.submit(() -> cache.get("a"));
      assertThat(loading.await(10, SECONDS)).isTrue();
      cache.put("a", "put");
      release.countDown();

      assertThat(caller.get(10, SECONDS)).isEqualTo("loaded-before-the-put");
    }
    assertThat(cache.get("a")).isEqualTo("put"); // neither overwritten nor taken back by the load
    assertThat(calls.get()).isEqualTo(1);
  }

  @Test
  void anInsertPolicyThatThrowsSkipsTheTierAndNeverStrandsTheLoad() throws Exception {
    Harness throwing = new Harness(TieredRuntime.builder().insertPolicy((cache, tier, key, entry) -> {
      throw new IllegalStateException("policy bug");
    }));
    TieredCache<String, String> cache =
        throwing.cache(Harness.definition().fallback("shared", null, true).build());

    assertThat(cache.getAsync("a").get(10, SECONDS)).isEqualTo("value-of-a");
    assertThat(cache.get("a")).isEqualTo("value-of-a"); // not cached, and not stuck in flight

    assertThat(throwing.originCalls.get()).isEqualTo(2);
    assertThat(cache.stats().tier(CacheEvent.L1).putErrors()).isEqualTo(2);
    assertThat(EngineProbe.inFlightCount(cache)).isEqualTo(0);
  }
}
