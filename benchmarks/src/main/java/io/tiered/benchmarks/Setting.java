package io.tiered.benchmarks;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The configuration every contender of a hit row gets alike: the same expiry, and metrics on or
 * off (Tiered's {@code TieredMetrics}; Caffeine's {@code recordStats()} bound by Micrometer's
 * {@code CaffeineCacheMetrics}, for the hand-written service and for Spring's caches).
 */
@State(Scope.Benchmark)
public class Setting {
  static final int MAXIMUM_SIZE = 100_000;
  static final Duration TTL = Duration.ofMinutes(10);

  /** {@code none}, or {@code 10m} as in {@code @Tiered(ttl = "10m")}. */
  @Param({"none", "10m"})
  public String ttl;

  /**
   * {@code off}, {@code micrometer}, or {@code traced}: Micrometer, and Tiered's origin calls
   * observed ({@code TieredObservations} on a registry whose observations become timers), which a
   * hit never reaches; the other contenders have nothing to bind for it.
   */
  @Param({"off", "micrometer", "traced"})
  public String metrics;

  final MeterRegistry registry = new SimpleMeterRegistry();
  final ObservationRegistry observations = ObservationRegistry.create();

  {
    observations.observationConfig()
        .observationHandler(new DefaultMeterObservationHandler(registry));
  }

  boolean expires() {
    return !ttl.equals("none");
  }

  boolean metered() {
    return !metrics.equals("off");
  }

  boolean traced() {
    return metrics.equals("traced");
  }

  /** The Caffeine spec the hand-written contenders use. */
  Caffeine<Object, Object> caffeine() {
    Caffeine<Object, Object> builder = Caffeine.newBuilder().maximumSize(MAXIMUM_SIZE);
    if (expires()) {
      builder.expireAfterWrite(TTL);
    }
    if (metered()) {
      builder.recordStats();
    }
    return builder;
  }
}
