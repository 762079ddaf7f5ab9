package io.tiered.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tiered.runtime.CacheStats;
import io.tiered.runtime.TieredRuntime;
import io.tiered.runtime.Tiers;
import io.tiered.runtime.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code @StaleIfError} and {@code nullTtl} through the generated proxy, and the origin down for a
 * window under concurrent load: no error surfaces while stale values exist, and every key is fresh
 * again after recovery.
 */
class FailSafeTest {
  private static final Duration TTL = Duration.ofMinutes(5);
  private static final int KEYS = 200;

  private final ManualClock clock = new ManualClock();
  // No listener: the outage test makes tens of thousands of calls; stats count what it checks.
  private final TieredRuntime runtime = TieredRuntime.builder().clock(clock)
      .tier("shared", Tiers.memory()).build();
  private final Origin origin = new Origin();
  private final TieredFailSafeQuotes quotes = new TieredFailSafeQuotes(origin, runtime);

  /** Answers version * 1000 + key; down when told, slow when gated. */
  private static final class Origin implements FailSafeQuotes {
    final AtomicBoolean down = new AtomicBoolean();
    final AtomicLong version = new AtomicLong(1);
    final AtomicInteger calls = new AtomicInteger();
    volatile CountDownLatch gate = new CountDownLatch(0);

    private long answer(int key) {
      calls.incrementAndGet();
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (down.get()) {
        throw new IllegalStateException("origin down");
      }
      return version.get() * 1000 + key;
    }

    @Override
    public long quote(int key) {
      return answer(key);
    }

    @Override
    public long slowQuote(int key) {
      return answer(key);
    }

    @Override
    public CompletableFuture<Long> quoteAsync(int key) {
      try {
        return CompletableFuture.completedFuture(answer(key));
      } catch (IllegalStateException down) {
        return CompletableFuture.failedFuture(down);
      }
    }

    @Override
    public Optional<Long> lookup(int key) {
      calls.incrementAndGet();
      return Optional.empty();
    }
  }

  @AfterEach
  void close() {
    runtime.close();
  }

  private CacheStats stats(String method) {
    return quotes.stats().cache("FailSafeQuotes." + method);
  }

  @Test
  void theTypeLevelWindowAppliesAndAMethodLevelOneReplacesIt() {
    quotes.quote(1);
    quotes.slowQuote(1);
    origin.down.set(true);

    clock.advance(TTL.plusMinutes(9)); // inside both windows
    assertThat(quotes.quote(1)).isEqualTo(1001);
    assertThat(quotes.slowQuote(1)).isEqualTo(1001);

    clock.advance(Duration.ofMinutes(1)); // ttl + 10m: past slowQuote's window, inside quote's
    assertThat(quotes.quote(1)).isEqualTo(1001);
    assertThrows(IllegalStateException.class, () -> quotes.slowQuote(1));

    clock.advance(Duration.ofMinutes(50)); // ttl + 1h: past both
    assertThrows(IllegalStateException.class, () -> quotes.quote(1));
    assertThat(stats("quote").staleServed() + stats("slowQuote").staleServed()).isEqualTo(3);
  }

  @Test
  void aSlowOriginAnswersStaleAtTheSoftTimeoutAndCachesItsValueAfterwards() throws Exception {
    quotes.slowQuote(7);
    clock.advance(TTL);
    origin.version.set(2);
    origin.gate = new CountDownLatch(1);

    assertThat(quotes.slowQuote(7)).isEqualTo(1007);
    origin.gate.countDown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (quotes.slowQuote(7) != 2007 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }

    assertThat(quotes.slowQuote(7)).isEqualTo(2007);
    assertThat(origin.calls.get()).isEqualTo(2);
    assertThat(stats("slowQuote").staleServedOnTimeout()).isAtLeast(1);
  }

  @Test
  void asyncMethodsServeStaleToo() {
    assertThat(quotes.quoteAsync(3).join()).isEqualTo(1003L);
    clock.advance(TTL);
    origin.down.set(true);

    assertThat(quotes.quoteAsync(3).join()).isEqualTo(1003L);
    assertThat(stats("quoteAsync").staleServedOnError()).isEqualTo(1);
  }

  @Test
  void absentResultsAreCachedForTheirNullTtl() {
    assertThat(quotes.lookup(1)).isEmpty();
    clock.advance(Duration.ofSeconds(29));
    assertThat(quotes.lookup(1)).isEmpty();
    assertThat(origin.calls.get()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(1));
    assertThat(quotes.lookup(1)).isEmpty();
    assertThat(origin.calls.get()).isEqualTo(2);
  }

  @Test
  void anOutageUnderConcurrentLoadSurfacesNoErrorWhileStaleValuesExist() throws Exception {
    for (int key = 0; key < KEYS; key++) {
      quotes.quote(key);
    }
    clock.advance(TTL.plusMinutes(1)); // every key stale
    origin.down.set(true);

    Outcome outage = hammer();
    assertThat(outage.errors()).isEqualTo(0);
    assertThat(outage.answers()).isGreaterThan(0);
    assertThat(stats("quote").staleServed()).isEqualTo(outage.answers());

    origin.down.set(false);
    origin.version.set(2);
    Outcome recovered = hammer();
    assertThat(recovered.errors()).isEqualTo(0);
    long staleAfterRecovery = stats("quote").staleServed() - outage.answers();
    // Calls that joined a load begun during the outage may still be answered stale; none after.
    for (int key = 0; key < KEYS; key++) {
      assertThat(quotes.quote(key)).isEqualTo(2000 + key);
    }
    assertThat(stats("quote").staleServed() - outage.answers()).isEqualTo(staleAfterRecovery);

    System.out.printf("FailSafeTest: origin down: %,d calls, %,d errors, %,d answered stale;"
        + " recovered: %,d calls, %,d errors, %,d answered stale%n", outage.answers()
        + outage.errors(), outage.errors(), outage.answers(), recovered.answers()
        + recovered.errors(), recovered.errors(), staleAfterRecovery);
    // Past ttl + stale the old values are gone: the outage now surfaces, as without fail-safe.
    clock.advance(Duration.ofHours(2));
    origin.down.set(true);
    assertThrows(IllegalStateException.class, () -> quotes.quote(0));
  }

  private record Outcome(long answers, long errors) {}

  /**
   * Calls {@code quote} of random keys from 8 virtual threads for 300 ms, counting answers and
   * errors; every answer must be one of the key's own versions.
   */
  private Outcome hammer() throws Exception {
    AtomicLong answers = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicLong wrong = new AtomicLong();
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
    List<Future<?>> callers = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < 8; t++) {
        callers.add(threads.submit(() -> {
          while (System.nanoTime() < end) {
            int key = ThreadLocalRandom.current().nextInt(KEYS);
            try {
              long value = quotes.quote(key);
              answers.incrementAndGet();
              if (value % 1000 != key) {
                wrong.incrementAndGet();
              }
            } catch (RuntimeException failure) {
              errors.incrementAndGet();
            }
          }
        }));
      }
      for (Future<?> caller : callers) {
        caller.get(10, TimeUnit.SECONDS);
      }
    }
    assertThat(wrong.get()).isEqualTo(0);
    return new Outcome(answers.get(), errors.get());
  }
}
