package io.tiered.runtime;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
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
   * <p>The system clock is production's: Caffeine's own defaults, as a hand-written Caffeine
   * cache has them: {@code System.nanoTime} as the ticker, maintenance on
   * {@code ForkJoinPool.commonPool()} (null here), off the caller's thread. Measured (README,
   * Benchmarks): maintenance on the caller's thread made hits at two threads several times slower
   * through contention on the eviction lock, while the common pool costs a miss about a
   * microsecond, which no real origin notices.
   *
   * <p>Any other clock is a test's: time from that clock, and maintenance on the calling thread,
   * so that evictions are counted and reported before the call that caused them returns.
   */
  record Maintenance(Ticker ticker, @Nullable Executor executor) {
    static Maintenance of(InstantSource clock) {
      if (isSystemClock(clock)) {
        return new Maintenance(Ticker.systemTicker(), null);
      }
      return new Maintenance(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()), Runnable::run);
    }

    boolean onCallerThread() {
      return executor != null;
    }
  }

  /** A builder bounded by the spec's size, reporting evictions to the spec's listener. */
  static <K, S> Caffeine<K, S> forSpec(TierSpec<K, ?> spec, Maintenance maintenance) {
    TierSpec.EvictionListener<K> evictions = spec.evictions();
    Caffeine<Object, Object> builder = Caffeine.newBuilder();
    if (maintenance.executor() != null) {
      builder.executor(maintenance.executor());
    }
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
}
