package io.tiered.redis;

import static com.google.common.truth.Truth.assertThat;
import static io.tiered.redis.Instance.shared;

import io.tiered.runtime.TieredCache;
import io.tiered.runtime.internal.CacheDefinition;
import java.time.Duration;
import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A JMH-free measurement against the local redis-server, printed for docs/redis.md: what leases
 * cost on an L2 hit and miss, and what they save in a miss storm across instances. Leases on and
 * off run side by side, interleaved, in one JVM. Bounds are loose; the figures are the point.
 */
class LeaseReportTest {
  @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

  private static final int STORMS = 5;
  private static final Duration TTL = Duration.ofMinutes(5);


  /**
   * Times {@code leased} and {@code plain} call by call, interleaved so both see the same noise,
   * after {@link SideBySide#WARMUP} calls of each; prints both and checks the leased median is sane.
   */
  private static void sideBySide(String what, IntConsumer leased, IntConsumer plain) {
    SideBySide times = SideBySide.time(leased, plain);
    System.out.println("[redis-leases] " + what + ", leases on:  "
        + SideBySide.summary(times.first()));
    System.out.println("[redis-leases] " + what + ", leases off: "
        + SideBySide.summary(times.second()));
    assertThat(Duration.ofNanos(times.firstMedian())).isLessThan(Duration.ofMillis(20));
  }

  @Test
  void costOfLeasesOnAnL2Miss() {
    // Each call misses L1 and Redis, calls a free origin and writes both tiers: with leases,
    // SET NX GET instead of GET, and the compare-and-set script instead of SET.
    TieredCache<String, String> withLeases = redis.newInstance()
        .cache(shared("Svc.on", String.class, String.class, TTL, true), key -> "v-" + key);
    TieredCache<String, String> without = redis.newInstance(builder -> builder.leases(Duration.ZERO))
        .cache(shared("Svc.off", String.class, String.class, TTL, true), key -> "v-" + key);

    sideBySide("L2 miss + free origin + fill", i -> withLeases.get("k-" + i),
        i -> without.get("k-" + i));
  }

  @Test
  void costOfLeasesOnAnL2Hit() {
    // promote = false: nothing reaches L1, so every call reads Redis (SET NX GET with leases).
    CacheDefinition.Builder<String, String> fromRedis =
        shared("Svc.hits", String.class, String.class, TTL, false);
    redis.newInstance().cache(fromRedis, key -> "v").get("k"); // loaded elsewhere: only in Redis
    TieredCache<String, String> withLeases = redis.newInstance().cache(fromRedis, key -> "v");
    TieredCache<String, String> without =
        redis.newInstance(builder -> builder.leases(Duration.ZERO)).cache(fromRedis, key -> "v");

    sideBySide("L2 hit", i -> withLeases.get("k"), i -> without.get("k"));
  }

  @Test
  void missStormAcrossThreeInstances() throws Exception {
    for (int storm = 0; storm < STORMS; storm++) { // alternating, so both see the same noise
      report("leases on ", storm, UnaryOperator.identity());
      report("leases off", storm, builder -> builder.leases(Duration.ZERO));
    }
  }

  private static void report(String label, int storm, UnaryOperator<RedisTiers.Builder> configure)
      throws Exception {
    MissStorm result = MissStorm.run(redis, configure, "storm-" + label.trim() + "-" + storm);
    long[] sorted = result.sortedNanos();
    System.out.printf("[redis-leases] storm %d (3 instances x 30 threads, 300 ms origin), %s: %d"
        + " origin calls; call latency median %.0f ms, max %.0f ms%n", storm, label,
        result.originCalls(), sorted[sorted.length / 2] / 1e6, sorted[sorted.length - 1] / 1e6);
  }
}
