package io.tiered.runtime;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** The Caffeine settings both in-process tiers share: size bound, clock, eviction reporting. */
final class CaffeineBuilders {
  private CaffeineBuilders() {}

  /** A builder bounded by the spec's size, reporting evictions to the spec's listener. */
  static <K, S> Caffeine<K, S> forSpec(TierSpec<K, ?> spec) {
    TierSpec.EvictionListener<K> evictions = spec.evictions();
    Caffeine<Object, Object> builder = Caffeine.newBuilder();
    if (!isSystemClock(spec.clock())) {
      // A clock other than the system's is a test's: run maintenance on the calling thread so
      // that evictions are reported before the call returns. In production it stays off the
      // caller's thread (Caffeine's default), which keeps the hit path as fast as Caffeine's.
      builder.executor(Runnable::run);
    }
    if (spec.maximumSize() > 0) {
      builder.maximumSize(spec.maximumSize());
    }
    if (spec.ttl() != null) {
      builder.ticker(ticker(spec.clock()));
    }
    return builder.evictionListener((@Nullable K key, @Nullable S stored, RemovalCause cause) -> {
      if (key != null && cause.wasEvicted()) {
        evictions.onEviction(key, cause == RemovalCause.EXPIRED);
      }
    });
  }

  private static boolean isSystemClock(InstantSource clock) {
    return clock.equals(Clock.systemUTC()) || clock.equals(Clock.systemDefaultZone());
  }

  private static Ticker ticker(InstantSource clock) {
    if (isSystemClock(clock)) {
      return Ticker.systemTicker();
    }
    return () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
  }
}
