package io.tiered.runtime;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tiered.runtime.testing.MockTier;
import io.tiered.runtime.testing.MockTier.Operation;
import io.tiered.runtime.testing.MockTier.Operation.Kind;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Tiers.withTimeout: a tier that hangs costs a caller a bounded wait, never a stuck call. */
// A separate thread, so that a hang the decorator fails to bound fails the test, not the build.
@Timeout(value = 10, unit = SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TierTimeoutTest {
  private static final Duration TIMEOUT = Duration.ofMillis(100);
  private static final String FIX =
      "raise the timeout given to Tiers.withTimeout, or find why the tier hangs";

  private final MockTier<Object, Object> mock = MockTier.create();
  private final Gate gate = new Gate().close(Kind.values());
  private final List<CacheEvent> events = new CopyOnWriteArrayList<>();
  private @Nullable TieredRuntime runtime;

  @AfterEach
  void releaseHungOperations() {
    gate.openAll();
    if (runtime != null) {
      runtime.close();
    }
  }

  @Test
  void hangingGetIsAMissAfterTheTimeoutAndItsThreadIsInterrupted() {
    TieredCache<String, String> cache = cache(Tiers.withTimeout(gated(), TIMEOUT));

    long start = System.nanoTime();
    assertThat(cache.get("a")).isEqualTo("value-of-a");

    // The get and the write-back put each wait one timeout; the bound is generous on purpose.
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isLessThan(TIMEOUT.multipliedBy(2).plusSeconds(2));
    Throwable error = errors().get(0);
    assertThat(error).isInstanceOf(TierTimeoutException.class);
    assertThat(error).hasMessageThat()
        .isEqualTo("Test.get: tier 'shared' did not finish get within 100ms; " + FIX);
    await().atMost(2, SECONDS).until(() -> gate.interrupts.get() >= 1);
  }

  @Test
  void putThatLandsAfterItsTimeoutIsTakenBack() {
    TieredCache<String, String> cache = cache(Tiers.withTimeout(gated(), TIMEOUT));

    cache.put("a", "written");
    // The caller already went on; the put it gave up on is followed by an invalidate of the key
    // (the tier may still hold the value the put replaced), which hangs too.
    assertThat(errors()).hasSize(2);
    assertThat(mock.operations()).isEmpty();

    gate.openAll(); // the hung put now lands, then is invalidated
    await().atMost(2, SECONDS).until(() -> mock.operations().size() == 3);
    // The two hung calls land in either order; the undo follows the put.
    assertThat(mock.operations(Kind.PUT)).hasSize(1);
    assertThat(mock.operations(Kind.INVALIDATE)).hasSize(2);
    assertThat(mock.operations().get(2)).isEqualTo(new Operation(Kind.INVALIDATE, "Test.get", "a"));
    assertThat(mock.peek("Test.get", "a")).isNull();
  }

  @Test
  void lateWriteIsNotServedBeforeItIsTakenBack() {
    TieredCache<String, String> cache = cache(Tiers.withTimeout(gated(), TIMEOUT));
    gate.open(Kind.GET);
    gate.open(Kind.INVALIDATE);
    cache.put("a", "old"); // the shared put hangs
    cache.invalidate("a");

    gate.close(Kind.INVALIDATE); // holds back the undo
    gate.open(Kind.PUT);
    await().atMost(2, SECONDS).until(() -> mock.peek("Test.get", "a") != null);

    assertThat(cache.get("a")).isEqualTo("value-of-a");

    gate.open(Kind.INVALIDATE);
    // The put's own invalidate (it timed out), the invalidate, and the undo.
    await().atMost(2, SECONDS).until(() -> mock.operations(Kind.INVALIDATE).size() == 3);
    assertThat(cache.get("a")).isEqualTo("value-of-a");
  }

  @Test
  void tierThatAnswersInTimeIsUsedAsItsDelegate() {
    TieredCache<String, String> cache =
        cache(Tiers.withTimeout(mock.factory(), Duration.ofSeconds(5)));

    cache.put("a", "written");

    assertThat(mock.peek("Test.get", "a").value()).isEqualTo("written");
    assertThat(mock.operations()).containsExactly(new Operation(Kind.PUT, "Test.get", "a"));
    assertThat(cache.stats().tier("shared").size()).isEqualTo(OptionalLong.of(1));
    assertThat(errors()).isEmpty();
  }

  @Test
  void delegateExceptionsPassThroughUnchanged() {
    IllegalStateException down = new IllegalStateException("store down");
    mock.failAll(down);
    TieredCache<String, String> cache =
        cache(Tiers.withTimeout(mock.factory(), Duration.ofSeconds(5)));

    assertThat(cache.get("a")).isEqualTo("value-of-a");

    assertThat(errors()).hasSize(2); // get, then the write-back put
    errors().forEach(error -> assertThat(error).isSameInstanceAs(down));

    StackOverflowError overflow = new StackOverflowError("deep");
    gate.openAll();
    gate.error = overflow;
    CacheTier<String, String> tier = tier(Tiers.withTimeout(gated(), TIMEOUT));
    assertThat(assertThrows(StackOverflowError.class, () -> tier.get("a")))
        .isSameInstanceAs(overflow);
  }

  @Test
  void beyondTheBoundOperationsFailAtOnceWithoutAThread() {
    TieredCache<String, String> cache = cache(Tiers.withTimeout(gated(), TIMEOUT, 2));
    cache.get("a"); // its get and its write-back put both hang: two stuck operations
    events.clear();

    assertThat(cache.get("b")).isEqualTo("value-of-b");

    assertThat(gate.entered.get()).isEqualTo(2);
    assertThat(errors()).hasSize(2);
    assertThat(errors().get(0)).hasMessageThat().isEqualTo("Test.get: tier 'shared' did not start"
        + " get: 2 operations of its factory are still stuck past their 100ms timeout (the bound"
        + " is 2); " + FIX);

    gate.openAll(); // once the stuck operations end, the tier is used again
    await().atMost(2, SECONDS).untilAsserted(() -> {
      cache.put("c", "written");
      assertThat(mock.peek("Test.get", "c")).isNotNull();
    });
  }

  @Test
  void interruptedCallerGivesUpAtOnceAndKeepsItsInterrupt() throws Exception {
    TieredCache<String, String> cache = cache(Tiers.withTimeout(gated(), Duration.ofSeconds(30)));
    AtomicReference<Thread> caller = new AtomicReference<>();
    AtomicBoolean interruptKept = new AtomicBoolean();
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<String> call = threads.submit(() -> {
        caller.set(Thread.currentThread());
        String value = cache.get("a");
        interruptKept.set(Thread.currentThread().isInterrupted());
        return value;
      });
      await().atMost(2, SECONDS).until(() -> gate.entered.get() == 1);
      caller.get().interrupt();

      assertThat(call.get(5, SECONDS)).isEqualTo("value-of-a");
    }
    assertThat(interruptKept.get()).isTrue();
    assertThat(errors().get(0)).hasMessageThat().isEqualTo("Test.get: gave up on get of tier"
        + " 'shared' (timeout 30s) because the calling thread was interrupted; its interrupt"
        + " flag is kept");
    assertThat(gate.entered.get()).isEqualTo(1); // the write-back put started no thread
    await().atMost(2, SECONDS).until(() -> gate.interrupts.get() == 1); // the get was cancelled
  }

  @Test
  void badArgumentsAreRejectedWithTheFix() {
    TierFactory tiers = mock.factory();

    assertThat(assertThrows(IllegalArgumentException.class, () -> Tiers.withTimeout(null, TIMEOUT)))
        .hasMessageThat().isEqualTo("Tiers.withTimeout needs the TierFactory whose tiers to bound,"
            + " such as Tiers.withTimeout(storeTiers, Duration.ofMillis(200)); got null");
    assertThat(assertThrows(IllegalArgumentException.class, () -> Tiers.withTimeout(tiers, null)))
        .hasMessageThat().isEqualTo(
            "Tiers.withTimeout needs a positive timeout, such as Duration.ofMillis(200); got null");
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> Tiers.withTimeout(tiers, Duration.ZERO))).hasMessageThat().endsWith("got PT0S");
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> Tiers.withTimeout(tiers, Duration.ofSeconds(-1))))
        .hasMessageThat().endsWith("got PT-1S");
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> Tiers.withTimeout(tiers, TIMEOUT, 0))).hasMessageThat().isEqualTo(
            "Tiers.withTimeout needs maxStuckOperations of at least 1, such as"
                + " Tiers.DEFAULT_MAX_STUCK_OPERATIONS (1000); got 0");
  }

  @Test
  void showsTheDelegateAndTheTimeout() {
    TierFactory factory = Tiers.withTimeout(gated(), Duration.ofMillis(250));

    assertThat(factory.toString()).isEqualTo("Tiers.withTimeout(gated, 250ms)");
    assertThat(tier(factory).toString())
        .isEqualTo("TimeBoundedTier{delegate=gated, timeout=250ms}");
  }

  private TierFactory gated() {
    return gate.around(mock.factory());
  }

  private TieredCache<String, String> cache(TierFactory shared) {
    TieredRuntime built =
        TieredRuntime.builder().tier("shared", shared).listener(events::add).build();
    runtime = built;
    return built.cache(Harness.definition().fallback("shared", null, true).build(),
        key -> "value-of-" + key);
  }

  private static CacheTier<String, String> tier(TierFactory factory) {
    return factory.create(new TierSpec<String, String>("Test.get", "shared", String.class,
        String.class, null, 0, InstantSource.system(), TierSpec.EvictionListener.none(),
        TierSpec.Upstream.none()));
  }

  private List<Throwable> errors() {
    return events.stream().filter(event -> event.kind() == CacheEvent.Kind.ERROR)
        .<Throwable>map(CacheEvent::error).toList();
  }

  /**
   * Wraps a factory's tiers so that an operation of a closed kind (size is never held) waits until
   * its kind opens, ignoring interrupts as a careless client would (it counts them), and then
   * throws {@link #error} if set.
   */
  private static final class Gate {
    private final Map<Kind, CountDownLatch> closed = new ConcurrentHashMap<>();
    final AtomicInteger entered = new AtomicInteger();
    final AtomicInteger interrupts = new AtomicInteger();
    volatile @Nullable Error error;

    Gate close(Kind... kinds) {
      for (Kind kind : kinds) {
        closed.put(kind, new CountDownLatch(1));
      }
      return this;
    }

    void open(Kind kind) {
      CountDownLatch latch = closed.remove(kind);
      if (latch != null) {
        latch.countDown();
      }
    }

    void openAll() {
      for (Kind kind : Kind.values()) {
        open(kind);
      }
    }

    TierFactory around(TierFactory tiers) {
      return new TierFactory() {
        @Override
        public <K, V> CacheTier<K, V> create(TierSpec<K, V> spec) {
          return new Gated<>(tiers.create(spec));
        }

        @Override
        public String toString() {
          return "gated";
        }
      };
    }

    private void pass(Kind kind) {
      entered.incrementAndGet();
      CountDownLatch latch = closed.get(kind);
      boolean interrupted = false;
      while (latch != null) {
        try {
          latch.await();
          latch = null;
        } catch (InterruptedException ignored) {
          interrupts.incrementAndGet();
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      Error failure = error;
      if (failure != null) {
        throw failure;
      }
    }

    private final class Gated<K, V> implements CacheTier<K, V> {
      private final CacheTier<K, V> tier;

      Gated(CacheTier<K, V> tier) {
        this.tier = tier;
      }

      @Override
      public @Nullable CacheEntry<V> get(K key) {
        pass(Kind.GET);
        return tier.get(key);
      }

      @Override
      public void put(K key, CacheEntry<V> entry) {
        pass(Kind.PUT);
        tier.put(key, entry);
      }

      @Override
      public void invalidate(K key) {
        pass(Kind.INVALIDATE);
        tier.invalidate(key);
      }

      @Override
      public void clear() {
        pass(Kind.CLEAR);
        tier.clear();
      }

      @Override
      public OptionalLong size() {
        return tier.size();
      }

      @Override
      public String toString() {
        return "gated";
      }
    }
  }
}
