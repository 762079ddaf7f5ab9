package io.tiered.runtime;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;

import io.tiered.runtime.TieredInstrumentation.LoadKind;
import io.tiered.runtime.internal.BulkCache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A runtime's instrumentation sees every origin call, with why it is made, and wraps every task
 * started in the background on the thread that triggered it; a hit reaches it not at all.
 */
class InstrumentationTest {
  /** Stands in for a trace or the MDC: what the caller's thread carries. */
  private static final ThreadLocal<String> CONTEXT = new ThreadLocal<>();

  private final Recording recording = new Recording();

  @AfterEach
  void clearContext() {
    CONTEXT.remove();
  }

  @Test
  void aMissCallsTheOriginThroughItAndAHitDoesNot() {
    Harness harness = new Harness(TieredRuntime.builder().instrumentation(recording));
    TieredCache<String, String> cache = harness.cache(Harness.definition().build());

    CONTEXT.set("request-1");
    cache.get("a");
    cache.get("a");

    assertThat(recording.calls).containsExactly("Test.get LOAD request-1");
  }

  @Test
  void aRefreshCarriesTheContextOfTheReadThatTriggeredIt() {
    List<Runnable> refreshes = new ArrayList<>();
    Harness harness = new Harness(TieredRuntime.builder().instrumentation(recording)
        .refreshExecutor(refreshes::add));
    TieredCache<String, String> cache = harness.cache(Harness.definition()
        .ttl(Duration.ofMinutes(5)).refreshAfter(Duration.ofMinutes(1)).build());
    CONTEXT.set("request-1");
    cache.get("a");
    harness.clock.advance(Duration.ofMinutes(2));
    CONTEXT.set("request-2");
    cache.get("a"); // stale: served, and its refresh scheduled

    CONTEXT.remove();
    refreshes.remove(0).run(); // on a thread that carries nothing of its own

    assertThat(recording.calls)
        .containsExactly("Test.get LOAD request-1", "Test.get REFRESH request-2").inOrder();
    assertThat(CONTEXT.get()).isNull(); // restored only while the refresh ran
  }

  @Test
  void aBulkLoadIsOneBulkCallAndItsBatchRefreshCarriesTheContext() {
    List<Runnable> refreshes = new ArrayList<>();
    Harness harness = new Harness(TieredRuntime.builder().instrumentation(recording)
        .refreshExecutor(refreshes::add));
    TieredCache<String, String> cache = harness.cache(Harness.definition()
        .ttl(Duration.ofMinutes(5)).refreshAfter(Duration.ofMinutes(1)).build());
    BulkCache<String, String> bulk = harness.runtime.bulk(cache, keys -> {
      Map<String, String> values = new LinkedHashMap<>();
      keys.forEach(key -> values.put(key, "bulk-" + key));
      return values;
    });
    CONTEXT.set("request-1");
    bulk.getAll(List.of("a", "b"));
    harness.clock.advance(Duration.ofMinutes(2));
    CONTEXT.set("request-2");
    bulk.getAll(List.of("a", "b"));

    CONTEXT.remove();
    refreshes.remove(0).run();

    assertThat(recording.calls)
        .containsExactly("Test.get BULK request-1", "Test.get BULK request-2").inOrder();
  }

  @Test
  void aLoadLeftRunningBySoftTimeoutCarriesTheContext() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Harness harness = new Harness(TieredRuntime.builder().instrumentation(recording));
    TieredCache<String, String> cache = harness.runtime.cache(Harness.definition()
        .ttl(Duration.ofMinutes(5)).staleIfError(Duration.ofHours(1), Duration.ofMillis(50))
        .build(), key -> {
          recording.calls.add("origin sees " + CONTEXT.get());
          release.await(5, SECONDS);
          return "value-of-" + key;
        });

    CONTEXT.set("request-1");
    CompletableFuture<String> read = cache.getAsync("a");
    await().atMost(5, SECONDS).until(() -> recording.calls.size() == 2);
    release.countDown();

    assertThat(read.get(5, SECONDS)).isEqualTo("value-of-a");
    assertThat(recording.calls)
        .containsExactly("Test.get LOAD request-1", "origin sees request-1").inOrder();
  }

  @Test
  void anInstrumentationThatThrowsNeitherFailsTheLoadNorCallsTheOriginTwice() {
    Harness harness = new Harness(TieredRuntime.builder().instrumentation(
        new TieredInstrumentation() {
          @Override
          public <V> CompletableFuture<V> originCall(String cacheName, LoadKind kind,
              Supplier<CompletableFuture<V>> call) {
            call.get();
            throw new IllegalStateException("a broken instrumentation");
          }
        }));
    TieredCache<String, String> cache = harness.cache(Harness.definition().build());

    assertThat(cache.get("a")).isEqualTo("value-of-a");
    assertThat(harness.originCalls.get()).isEqualTo(1);
  }

  /** Records each origin call: its cache, kind, and the context its thread carries. */
  private static final class Recording implements TieredInstrumentation {
    final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public <V> CompletableFuture<V> originCall(String cacheName, LoadKind kind,
        Supplier<CompletableFuture<V>> call) {
      calls.add(cacheName + " " + kind + " " + CONTEXT.get());
      return call.get();
    }

    @Override
    public Runnable inBackground(Runnable task) {
      String captured = CONTEXT.get();
      return () -> {
        CONTEXT.set(captured);
        try {
          task.run();
        } finally {
          CONTEXT.remove();
        }
      };
    }
  }
}
