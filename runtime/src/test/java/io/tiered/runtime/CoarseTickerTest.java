package io.tiered.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.awaitility.Awaitility.await;

import io.tiered.runtime.internal.CacheDefinition;
import io.tiered.runtime.testing.ManualClock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The production L1's coarse ticker: one daemon per JVM held by the runtimes that need it, a
 * reading never ahead of {@code System.nanoTime} and behind it by about one period, and ttl and
 * refresh boundaries on the real clock within that precision. A test clock never touches it.
 */
class CoarseTickerTest {
  private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(CoarseTicker.PERIOD_MILLIS);

  @Test
  void oneDaemonServesEveryHolderAndStopsWithTheLast() {
    CoarseTicker ticker = new CoarseTicker();
    CoarseTicker.Holder first = ticker.holder(InstantSource.system());
    CoarseTicker.Holder second = ticker.holder(InstantSource.system());
    long daemonsBefore = daemons();

    first.use();
    first.use(); // a runtime holds it once, however many caches it builds
    second.use();
    assertThat(ticker.holders()).isEqualTo(2);
    assertThat(ticker.running()).isTrue();
    assertThat(daemons() - daemonsBefore).isEqualTo(1);

    first.close();
    first.close(); // idempotent
    assertThat(ticker.running()).isTrue();
    second.close();

    assertThat(ticker.holders()).isEqualTo(0);
    assertThat(ticker.running()).isFalse();
    assertThat(daemons()).isEqualTo(daemonsBefore); // stop() joined the thread
    first.use(); // a closed runtime's hold is not taken again
    assertThat(ticker.running()).isFalse();
  }

  @Test
  void aStoppedTickerReadsTheOsClockAndARestartedOneTicksAgain() throws Exception {
    CoarseTicker ticker = new CoarseTicker();
    long before = System.nanoTime();
    long read = ticker.read();
    assertThat(read).isAtLeast(before);
    assertThat(read).isAtMost(System.nanoTime());

    CoarseTicker.Holder holder = ticker.holder(InstantSource.system());
    holder.use();
    long start = ticker.read();
    Thread.sleep(50);
    assertThat(ticker.read() - start).isAtLeast(TimeUnit.MILLISECONDS.toNanos(45));
    holder.close();
    CoarseTicker.Holder again = ticker.holder(InstantSource.system());
    again.use();
    assertThat(ticker.running()).isTrue();
    again.close();
  }

  @Test
  void itsEpochMillisFollowTheSystemClockWithinItsPrecision() throws Exception {
    CoarseTicker ticker = new CoarseTicker();
    InstantSource coarse = ticker.judging(InstantSource.system());
    ManualClock manual = new ManualClock();
    assertThat(ticker.judging(manual)).isSameInstanceAs(manual);
    long stopped = coarse.millis(); // no daemon: the OS's
    assertThat(stopped).isAtMost(System.currentTimeMillis());

    CoarseTicker.Holder holder = ticker.holder(InstantSource.system());
    holder.use();
    try {
      long[] lags = new long[200];
      for (int i = 0; i < lags.length; i++) { // across pauses, which reads end
        long before = System.currentTimeMillis();
        long read = coarse.millis();
        long after = System.currentTimeMillis();
        assertThat(read).isAtMost(after); // never ahead
        lags[i] = Math.max(0, before - read);
        Thread.sleep(1);
      }
      // Most reads within a period or two; a daemon starved by a busy machine may fall behind
      // for a moment, which the median does not see.
      Arrays.sort(lags);
      assertThat(lags[lags.length / 2]).isAtMost(3);
      long start = coarse.millis();
      Thread.sleep(50);
      assertThat(coarse.millis() - start).isAtLeast(45);
      assertThat(coarse.instant().toEpochMilli()).isAtMost(System.currentTimeMillis());
    } finally {
      holder.close();
    }
  }

  @Test
  void aReadingIsNeverAheadOfTheOsClockAndUsuallyWithinOnePeriodBehind() throws Exception {
    CoarseTicker ticker = new CoarseTicker();
    CoarseTicker.Holder holder = ticker.holder(InstantSource.system());
    holder.use();
    try {
      long[] lags = new long[2_000];
      for (int i = 0; i < lags.length; i++) {
        long read = ticker.read();
        lags[i] = System.nanoTime() - read;
        if ((i & 63) == 0) {
          Thread.sleep(0, 300_000);
        }
      }
      Arrays.sort(lags);
      assertThat(lags[0]).isAtLeast(0L);
      // The period plus the OS's wake-up delay; generous, as this machine may be busy.
      assertThat(lags[lags.length / 2]).isAtMost(2 * PERIOD_NANOS);
    } finally {
      holder.close();
    }
  }

  @Test
  void anUnreadTickerPausesAndTheNextReadWakesIt() {
    CoarseTicker ticker = new CoarseTicker();
    CoarseTicker.Holder holder = ticker.holder(InstantSource.system());
    holder.use();
    try {
      // Nothing reads: after TICKS_BEFORE_SAMPLE periods and a sample without a read, the daemon
      // parks for good.
      await().atMost(Duration.ofSeconds(5)).until(ticker::paused);
      long samples = ticker.samples();
      long before = System.nanoTime();
      long read = ticker.read();
      assertThat(read).isAtLeast(before); // paused, a read is the OS clock's
      assertThat(read).isAtMost(System.nanoTime());

      // The read woke it to sample the rate; one read is no hot cache, so it does not tick, and
      // with no read since it parks again.
      await().atMost(Duration.ofSeconds(5)).until(() -> ticker.samples() > samples);
      await().atMost(Duration.ofSeconds(5)).until(ticker::paused);
      assertThat(ticker.ticking()).isFalse();
    } finally {
      holder.close();
    }
    assertThat(ticker.running()).isFalse();
  }

  @Test
  void rareReadsAskTheOsAndTheDaemonStopsTicking() throws Exception {
    CoarseTicker ticker = new CoarseTicker();
    CoarseTicker.Holder holder = ticker.holder(InstantSource.system());
    holder.use();
    try {
      // A read every millisecond, as an L2-bound service's L1 sees: far below
      // HOT_READS_PER_PERIOD, so after its first TICKS_BEFORE_SAMPLE periods it samples for good.
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(
          3L * CoarseTicker.TICKS_BEFORE_SAMPLE * CoarseTicker.PERIOD_MILLIS);
      while (System.nanoTime() < until) {
        ticker.read();
        Thread.sleep(1);
      }
      assertThat(ticker.ticking()).isFalse();
      long before = System.nanoTime();
      long read = ticker.read();
      assertThat(read).isAtLeast(before); // the OS's clock, exact
      assertThat(read).isAtMost(System.nanoTime());
    } finally {
      holder.close();
    }
  }

  @Test
  void hotReadsBringTheTickingBack() throws Exception {
    CoarseTicker ticker = new CoarseTicker();
    CoarseTicker.Holder holder = ticker.holder(InstantSource.system());
    holder.use();
    try {
      await().atMost(Duration.ofSeconds(5)).until(ticker::paused);
      AtomicBoolean reading = new AtomicBoolean(true);
      Thread reader = Thread.ofPlatform().start(() -> {
        while (reading.get()) {
          ticker.read(); // as fast as a hot L1's hits
        }
      });
      try {
        await().atMost(Duration.ofSeconds(5)).until(ticker::ticking);
        long ticked = ticker.read();
        await().atMost(Duration.ofSeconds(5)).until(() -> ticker.read() > ticked);
        assertThat(ticker.read()).isAtMost(System.nanoTime()); // the daemon's, never ahead
      } finally {
        reading.set(false);
        reader.join();
      }
    } finally {
      holder.close();
    }
  }

  @Test
  void aTestClockNeverHoldsTheDaemon() {
    ManualClock clock = new ManualClock();
    int holdersBefore = CoarseTicker.shared().holders();
    try (TieredRuntime runtime = TieredRuntime.builder().clock(clock).build()) {
      runtime.cache(definition().ttl(Duration.ofMinutes(10)).build(), key -> key);

      assertThat(CoarseTicker.shared().holders()).isEqualTo(holdersBefore);
    }
  }

  @Test
  void twoRuntimesHoldTheSharedDaemonOnceEachUntilClosed() {
    int holdersBefore = CoarseTicker.shared().holders();
    TieredRuntime first = TieredRuntime.builder().build();
    TieredRuntime second = TieredRuntime.builder().build();
    first.cache(definition().build(), key -> key); // no ttl: no hold
    assertThat(CoarseTicker.shared().holders()).isEqualTo(holdersBefore);

    first.cache(definition().ttl(Duration.ofMinutes(10)).build(), key -> key);
    first.cache(definition("Other.get").ttl(Duration.ofMinutes(10)).build(), key -> key);
    second.cache(definition().ttl(Duration.ofMinutes(10)).build(), key -> key);
    assertThat(CoarseTicker.shared().holders()).isEqualTo(holdersBefore + 2);
    assertThat(CoarseTicker.shared().running()).isTrue();

    first.close();
    assertThat(CoarseTicker.shared().holders()).isEqualTo(holdersBefore + 1);
    second.close();
    second.close();
    assertThat(CoarseTicker.shared().holders()).isEqualTo(holdersBefore);
    if (holdersBefore == 0) { // else another test's runtime (the defaults') still holds it
      assertThat(CoarseTicker.shared().running()).isFalse();
    }
  }

  @Test
  void aTtlExpiresOnTheRealClockWithinItsPrecision() {
    AtomicInteger loads = new AtomicInteger();
    Duration ttl = Duration.ofMillis(300);
    try (TieredRuntime runtime = TieredRuntime.builder().build()) {
      TieredCache<String, String> cache = runtime.cache(definition().ttl(ttl).build(),
          key -> key + loads.incrementAndGet());
      long loaded = System.nanoTime();
      assertThat(cache.get("a")).isEqualTo("a1");

      // Well before the ttl minus the precision, a hit (unless this thread slept past it).
      sleepUntil(loaded + ttl.toNanos() / 2);
      String early = cache.get("a");
      if (System.nanoTime() - loaded < ttl.toNanos() - 5 * PERIOD_NANOS) {
        assertThat(early).isEqualTo("a1");
      }
      // Past the ttl plus the precision (and the daemon's wake-up on a busy machine), a miss.
      sleepUntil(loaded + ttl.toNanos() + 20 * PERIOD_NANOS);
      assertThat(cache.get("a")).isEqualTo("a2");
    }
  }

  @Test
  void aRefreshFiresOnTheRealClockAfterItsDelay() {
    AtomicInteger loads = new AtomicInteger();
    Duration refreshAfter = Duration.ofMillis(200);
    try (TieredRuntime runtime = TieredRuntime.builder().build()) {
      TieredCache<String, String> cache = runtime.cache(
          definition().ttl(Duration.ofMinutes(10)).refreshAfter(refreshAfter).build(),
          key -> key + loads.incrementAndGet());
      long loaded = System.nanoTime();
      assertThat(cache.get("a")).isEqualTo("a1");
      cache.get("a");
      if (System.nanoTime() - loaded < refreshAfter.toNanos() - 5 * PERIOD_NANOS) {
        assertThat(loads.get()).isEqualTo(1);
      }

      sleepUntil(loaded + refreshAfter.toNanos() + 20 * PERIOD_NANOS);
      assertThat(cache.get("a")).isEqualTo("a1"); // served at once, refreshed behind
      await().atMost(Duration.ofSeconds(5)).until(() -> "a2".equals(cache.get("a")));
      assertThat(loads.get()).isEqualTo(2);
    }
  }

  private static long daemons() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().equals("tiered-coarse-ticker") && thread.isAlive())
        .count();
  }

  private static void sleepUntil(long nanoTime) {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static CacheDefinition.Builder<String, String> definition() {
    return definition("Ticker.get");
  }

  private static CacheDefinition.Builder<String, String> definition(String name) {
    return CacheDefinition.builder(name, String.class, String.class);
  }
}
