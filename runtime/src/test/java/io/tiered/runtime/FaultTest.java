package io.tiered.runtime;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;

import io.tiered.runtime.CacheEvent.Operation;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Faults around the engine: each leaves the caller with the origin's answer and nothing stuck. */
class FaultTest {

  @Test
  void rejectedRefreshKeepsTheOldValueAndReportsIt() {
    Harness harness = new Harness(TieredRuntime.builder().refreshExecutor(task -> {
      throw new RejectedExecutionException("saturated");
    }));
    TieredCache<String, String> cache = harness.cache(Harness.definition()
        .ttl(Duration.ofMinutes(10)).refreshAfter(Duration.ofMinutes(1)).build());
    cache.get("a");
    harness.clock.advance(Duration.ofMinutes(2));

    assertThat(cache.get("a")).isEqualTo("value-of-a");
    assertThat(cache.get("a")).isEqualTo("value-of-a");

    assertThat(cache.stats().refreshFailures()).isEqualTo(2);
    assertThat(EngineProbe.inFlightCount(cache)).isEqualTo(0);
    assertThat(harness.events(CacheEvent.Kind.REFRESH_MISS).get(0).error())
        .isInstanceOf(RejectedExecutionException.class);
  }

  @Test
  void interruptedWaiterStillGetsTheValueAndKeepsItsInterrupt() throws Exception {
    Harness harness = new Harness();
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    TieredCache<String, String> cache = harness.runtime.cache(Harness.definition().build(), key -> {
      loading.countDown();
      release.await();
      return "loaded";
    });
    AtomicBoolean interruptKept = new AtomicBoolean();
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      threads.submit(() -> cache.get("a"));
      assertThat(loading.await(5, SECONDS)).isTrue();
      Thread[] waiter = new Thread[1];
      Future<String> waiting = threads.submit(() -> {
        waiter[0] = Thread.currentThread();
        String value = cache.get("a");
        interruptKept.set(Thread.currentThread().isInterrupted());
        return value;
      });
      await().atMost(5, SECONDS).until(() -> cache.stats().coalescedWaits() == 1);
      waiter[0].interrupt();
      release.countDown();

      assertThat(waiting.get(5, SECONDS)).isEqualTo("loaded");
    }
    assertThat(interruptKept.get()).isTrue();
  }

  @Test
  void tierThatThrowsOnEveryOperationNeverFailsACall() {
    Harness harness = new Harness();
    harness.shared.failAll(new IllegalStateException("down"));
    TieredCache<String, String> cache =
        harness.cache(Harness.definition().fallback("shared", null, true).build());

    assertThat(cache.get("a")).isEqualTo("value-of-a");
    cache.put("b", "put");
    cache.invalidate("a");
    cache.invalidateAll();
    assertThat(cache.get("a")).isEqualTo("value-of-a");

    // A put the tier did not take is followed by an invalidate of its key: the tier may still
    // hold the value the put replaced.
    assertThat(cache.stats().tier("shared").errors()).isEqualTo(8);
    assertThat(harness.events(CacheEvent.Kind.ERROR).stream().map(CacheEvent::operation))
        .containsExactly(Operation.GET, Operation.PUT, Operation.PUT, Operation.INVALIDATE,
            Operation.INVALIDATE, Operation.CLEAR, Operation.GET, Operation.PUT)
        .inOrder();
  }

  @Test
  void aTierThatCannotReadBackItsValuesIsACodecErrorNotAFailedPut() {
    Harness harness = new Harness();
    TierCodecException unreadable = new TierCodecException("Test.get: cannot read back", null);
    harness.shared.failAll(unreadable);
    TieredCache<String, String> cache =
        harness.cache(Harness.definition().fallback("shared", null, true).build());

    assertThat(cache.get("a")).isEqualTo("value-of-a");
    cache.put("b", "put");

    // The mock throws it from every operation: the read, the load's write, the put and the
    // invalidate that follows a put the tier did not take.
    TierStats shared = cache.stats().tier("shared");
    assertThat(shared.errors(Operation.CODEC)).isEqualTo(4);
    assertThat(shared.errors(Operation.GET)).isEqualTo(0);
    assertThat(shared.errors(Operation.PUT)).isEqualTo(0);
    assertThat(shared.misses()).isEqualTo(1); // a read that threw is a miss, whatever it threw
    assertThat(shared.errors()).isEqualTo(4);
    assertThat(harness.events(CacheEvent.Kind.ERROR).stream().map(CacheEvent::operation))
        .containsExactly(Operation.CODEC, Operation.CODEC, Operation.CODEC, Operation.CODEC)
        .inOrder();
    assertThat(harness.events(CacheEvent.Kind.ERROR).get(1).error()).isSameInstanceAs(unreadable);
  }

  @Test
  void slowTierDelaysButNeverFailsACall() {
    Harness harness = new Harness();
    harness.shared.latency(Duration.ofMillis(30));
    TieredCache<String, String> cache =
        harness.cache(Harness.definition().fallback("shared", null, true).build());

    assertThat(cache.get("a")).isEqualTo("value-of-a");
    assertThat(cache.get("a")).isEqualTo("value-of-a"); // L1 hit: the slow tier is not asked
    assertThat(harness.shared.operations()).hasSize(2);
  }

  @Test
  void originReturningNullIsNotCachedAndNothingIsStuck() {
    Harness harness = new Harness();
    AtomicInteger calls = new AtomicInteger();
    TieredCache<String, String> cache = harness.runtime.cache(Harness.definition()
        .ttl(Duration.ofMinutes(10)).refreshAfter(Duration.ofMinutes(1)).build(), key -> {
          calls.incrementAndGet();
          return null;
        });

    assertThat(cache.get("a")).isNull();
    assertThat(cache.get("a")).isNull();

    assertThat(calls.get()).isEqualTo(2);
    assertThat(EngineProbe.inFlightCount(cache)).isEqualTo(0);
  }
}
