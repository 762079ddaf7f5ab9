package io.tiered.redis;

import static com.google.common.truth.Truth.assertThat;
import static io.tiered.redis.Instance.shared;

import io.lettuce.core.api.sync.RedisCommands;
import io.tiered.redis.Fixtures.Price;
import io.tiered.runtime.CacheEvent;
import io.tiered.runtime.TieredCache;
import io.tiered.runtime.internal.Types;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A JMH-free measurement against the local redis-server, printed for the docs and release notes:
 * the latency of an L2 hit, and of a call while Redis is down. Bounds are loose; the figures are
 * the point.
 */
class LatencyReportTest {
  @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

  private static final int WARMUP = 1_000;
  private static final int SAMPLES = 2_000;
  private static final Duration TTL = Duration.ofMinutes(5);
  private static final List<Price> VALUE = IntStream.range(0, 10)
      .mapToObj(i -> new Price("sku-" + i, BigDecimal.valueOf(i, 2), Instant.EPOCH))
      .toList();

  private static TieredCache<String, List<Price>> prices(Instance instance, boolean promote) {
    return instance.cache(shared("Svc.prices", String.class,
        Types.parameterized(List.class, Price.class), TTL, promote), key -> VALUE);
  }

  /** Runs {@code call} WARMUP times, then times SAMPLES calls; returns the sorted nanos. */
  private static long[] measure(IntConsumer call) {
    for (int i = 0; i < WARMUP; i++) {
      call.accept(i);
    }
    long[] nanos = new long[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      long start = System.nanoTime();
      call.accept(i);
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return nanos;
  }

  private static String summary(long[] sorted) {
    return String.format("median %.1f µs, p99 %.1f µs, max %.1f µs (%d calls)",
        sorted[sorted.length / 2] / 1e3, sorted[sorted.length * 99 / 100] / 1e3,
        sorted[sorted.length - 1] / 1e3, sorted.length);
  }

  @Test
  void l2HitLatency() {
    Instance a = redis.newInstance();
    Instance b = redis.newInstance();
    prices(a, true).get("k");
    // promote = false: B's hits are never copied into its L1, so every call reads Redis.
    TieredCache<String, List<Price>> fromRedis = prices(b, false);
    RedisCommands<String, String> raw = redis.newClient().connect().sync();

    long[] l2Hit = measure(i -> fromRedis.get("k"));
    long[] rawGet = measure(i -> raw.get("tiered:Svc.prices:\"k\""));

    assertThat(b.originCalls.get()).isEqualTo(0);
    assertThat(b.shared(CacheEvent.Kind.HIT)).hasSize(WARMUP + SAMPLES);
    System.out.println("[redis-tier] L2 hit (List<Price> of 10, JSON): " + summary(l2Hit));
    System.out.println("[redis-tier] raw Lettuce GET of the same key: " + summary(rawGet));
    assertThat(Duration.ofNanos(l2Hit[SAMPLES / 2])).isLessThan(Duration.ofMillis(20));
  }

  @Test
  void callLatencyWhileRedisIsDown() throws Exception {
    Instance a = redis.newInstance();
    TieredCache<String, List<Price>> cache = prices(a, true);
    cache.get("warm");
    redis.server().kill();

    long[] down = measure(i -> cache.get("key-" + i)); // every call misses L1: Redis, then origin

    System.out.println("[redis-tier] call while Redis is down (L1 miss, origin answers): "
        + summary(down));
    assertThat(Duration.ofNanos(down[SAMPLES - 1]))
        .isLessThan(RedisTiers.DEFAULT_COMMAND_TIMEOUT.multipliedBy(2).plusMillis(250));
  }
}
