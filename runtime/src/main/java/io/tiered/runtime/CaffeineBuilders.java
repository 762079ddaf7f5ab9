package io.tiered.runtime;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** The Caffeine settings both in-process tiers share: size bound, time, eviction reporting. */
final class CaffeineBuilders {
  private CaffeineBuilders() {}

  /**
   * Where an in-process tier reads time and runs its maintenance (eviction, expiry), decided once
   * from the runtime's clock.
   *
   * <p>Maintenance always runs on the calling thread ({@code Runnable::run}), amortised over
   * reads and done by the writer after a write. Measured side by side (docs/benchmarks.md), against
   * Caffeine's default of a task on {@code ForkJoinPool.commonPool()}: hits cost the same at one
   * and two threads, while an L1 miss served by a fallback tier took 508 instead of 1,650 ns, every
   * write paying a hand-off to the pool otherwise. Evictions are also counted before the call that
   * caused them returns.
   *
   * <p>The system clock is production's: the JVM's {@link CoarseTicker}, {@code System.nanoTime}
   * as a shared daemon read it at most about a millisecond ago, so that a hit reads one volatile
   * field where Caffeine's default ticker calls the OS clock. Any other clock is a test's: time in
   * whole milliseconds from that clock, so that a {@code ManualClock} moves expiry.
   */
  record Maintenance(Ticker ticker, Executor executor) {
    /** Runs maintenance on the thread that triggers it. */
    static final Executor CALLER_RUNS = Runnable::run;

    static Maintenance of(InstantSource clock) {
      if (isSystemClock(clock)) {
        return new Maintenance(CoarseTicker.shared(), CALLER_RUNS);
      }
      return new Maintenance(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()), CALLER_RUNS);
    }
  }

  /** A builder bounded by the spec's size, reporting evictions to the spec's listener. */
  static <K, S> Caffeine<K, S> forSpec(TierSpec<K, ?> spec, Maintenance maintenance) {
    return forSpec(spec, maintenance, spec.evictions());
  }

  /**
   * As {@link #forSpec(TierSpec, Maintenance)}, reporting evictions to {@code evictions}, which
   * Caffeine runs atomically with each eviction.
   */
  static <K, S> Caffeine<K, S> forSpec(TierSpec<K, ?> spec, Maintenance maintenance,
      TierSpec.EvictionListener<K> evictions) {
    WriteBufferWarmUp.done();
    Caffeine<Object, Object> builder = Caffeine.newBuilder();
    builder.executor(maintenance.executor());
    if (spec.maximumSize() > 0) {
      builder.maximumSize(spec.maximumSize());
    }
    if (spec.ttl() != null) {
      builder.ticker(maintenance.ticker());
    }
    return builder.evictionListener((@Nullable K key, @Nullable S stored, RemovalCause cause) -> {
      if (key != null && cause.wasEvicted()) {
        evictions.onEviction(key, cause == RemovalCause.EXPIRED);
      }
    });
  }

  static boolean isSystemClock(InstantSource clock) {
    return clock.equals(InstantSource.system())
        || clock.equals(Clock.systemUTC())
        || clock.equals(Clock.systemDefaultZone());
  }

  /**
   * Runs each lock-free step of Caffeine's write buffer once, on one thread, before the first tier
   * is built. The first call of a step links its VarHandle access, which can block the thread in
   * the JDK's method-type table while it holds a claimed slot of the buffer; the other writers and
   * the drainer then spin for that slot, and virtual threads on as few carriers as there are
   * spinners never let the blocked one run again (seen with 8 virtual threads on 2 cores). Once
   * linked, the steps never block.
   *
   * <p>The warm-up cache has a fixed write expiry and a size bound, as an L1 with a ttl has, so
   * that it links the steps the tiers run.
   */
  private static final class WriteBufferWarmUp {
    static {
      // Maintenance that never runs: the buffer grows through every size until writers drain it.
      Cache<Integer, Integer> cache = Caffeine.newBuilder()
          .maximumSize(16)
          .expireAfterWrite(Duration.ofDays(1))
          .executor(task -> {})
          .build();
      for (int i = 0; i < 4_096; i++) {
        cache.put(i, i);
      }
      cache.cleanUp();
    }

    private WriteBufferWarmUp() {}

    /** Nothing: calling it runs the class's initialiser, once per JVM. */
    static void done() {}
  }
}
