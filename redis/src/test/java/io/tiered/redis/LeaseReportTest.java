package io.tiered.redis;

import static com.google.common.truth.Truth.assertThat;
import static io.tiered.redis.Instance.shared;

import io.tiered.runtime.TieredCache;
import io.tiered.runtime.internal.CacheDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A JMH-free measurement against the local redis-server, printed for the README: what leases cost
 * on an L2 miss, and what they save in a miss storm across instances. Leases on and off run side
 * by side, interleaved, in one JVM. Bounds are loose; the figures are the point.
 */
class LeaseReportTest {
  @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

  private static final int WARMUP = 2_000;
  private static final int SAMPLES = 5_000;
  private static final int STORMS = 5;
  private static final Duration TTL = Duration.ofMinutes(5);
  private static final Duration ORIGIN_TIME = Duration.ofMillis(300);

  private static CacheDefinition.Builder<String, String> quotes() {
    return shared("Svc.quote", String.class, String.class, TTL, true);
  }

  private static String summary(long[] sorted) {
    return String.format("median %.1f µs, p99 %.1f µs (%d calls)",
        sorted[sorted.length / 2] / 1e3, sorted[sorted.length * 99 / 100] / 1e3, sorted.length);
  }

  @Test
  void costOfLeasesOnAnL2Miss() {
    // Each call misses L1 and Redis, calls a free origin and writes both tiers: with leases,
    // SET NX GET instead of GET, and the compare-and-set script instead of SET.
    TieredCache<String, String> withLeases =
        redis.newInstance().cache(quotes(), key -> "value-" + key);
    TieredCache<String, String> without = redis.newInstance(builder -> builder.leases(Duration.ZERO))
        .cache(shared("Svc.other", String.class, String.class, TTL, true), key -> "value-" + key);
    for (int i = 0; i < WARMUP; i++) {
      withLeases.get("warm-" + i);
      without.get("warm-" + i);
    }
    long[] leased = new long[SAMPLES];
    long[] plain = new long[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) { // interleaved, so both see the same noise
      long start = System.nanoTime();
      withLeases.get("k-" + i);
      leased[i] = System.nanoTime() - start;
      start = System.nanoTime();
      without.get("k-" + i);
      plain[i] = System.nanoTime() - start;
    }
    Arrays.sort(leased);
    Arrays.sort(plain);
    System.out.println("[redis-leases] L2 miss + free origin + fill, leases on:  " + summary(leased));
    System.out.println("[redis-leases] L2 miss + free origin + fill, leases off: " + summary(plain));
    assertThat(Duration.ofNanos(leased[SAMPLES / 2])).isLessThan(Duration.ofMillis(20));
  }

  @Test
  void costOfLeasesOnAnL2Hit() {
    // promote = false: nothing reaches L1, so every call reads Redis (SET NX GET with leases).
    CacheDefinition.Builder<String, String> fromRedis =
        shared("Svc.hits", String.class, String.class, TTL, false);
    TieredCache<String, String> withLeases = redis.newInstance().cache(fromRedis, key -> "v");
    TieredCache<String, String> without =
        redis.newInstance(builder -> builder.leases(Duration.ZERO)).cache(fromRedis, key -> "v");
    redis.newInstance().cache(fromRedis, key -> "v").get("k"); // loaded elsewhere: only in Redis
    long[] leased = new long[SAMPLES];
    long[] plain = new long[SAMPLES];
    for (int i = 0; i < WARMUP + SAMPLES; i++) {
      long start = System.nanoTime();
      withLeases.get("k");
      long middle = System.nanoTime();
      without.get("k");
      long end = System.nanoTime();
      if (i >= WARMUP) {
        leased[i - WARMUP] = middle - start;
        plain[i - WARMUP] = end - middle;
      }
    }
    Arrays.sort(leased);
    Arrays.sort(plain);
    System.out.println("[redis-leases] L2 hit, leases on:  " + summary(leased));
    System.out.println("[redis-leases] L2 hit, leases off: " + summary(plain));
    assertThat(Duration.ofNanos(leased[SAMPLES / 2])).isLessThan(Duration.ofMillis(20));
  }

  @Test
  void missStormAcrossThreeInstances() throws Exception {
    for (int storm = 0; storm < STORMS; storm++) { // alternating, so both see the same noise
      report("leases on ", storm, UnaryOperator.identity());
      report("leases off", storm, builder -> builder.leases(Duration.ZERO));
    }
  }

  /** 3 instances x 30 virtual threads miss one cold key, whose origin takes 300 ms. */
  private static void report(String label, int storm, UnaryOperator<RedisTiers.Builder> configure)
      throws Exception {
    String key = "storm-" + label.trim() + "-" + storm;
    List<Instance> instances = new ArrayList<>();
    List<TieredCache<String, String>> caches = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Instance instance = redis.newInstance(configure);
      instances.add(instance);
      caches.add(instance.cache(quotes(), k -> {
        sleep(ORIGIN_TIME);
        return "v";
      }));
    }
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<Long>> nanos = new ArrayList<>();
    for (TieredCache<String, String> cache : caches) {
      for (int thread = 0; thread < 30; thread++) {
        CompletableFuture<Long> took = new CompletableFuture<>();
        nanos.add(took);
        Thread.ofVirtual().start(() -> {
          try {
            start.await();
            long begin = System.nanoTime();
            cache.get(key);
            took.complete(System.nanoTime() - begin);
          } catch (Throwable failure) {
            took.completeExceptionally(failure);
          }
        });
      }
    }
    start.countDown();
    long[] sorted = new long[nanos.size()];
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] = nanos.get(i).get(10, TimeUnit.SECONDS);
    }
    Arrays.sort(sorted);
    int calls = instances.stream().mapToInt(instance -> instance.originCalls.get()).sum();
    System.out.printf("[redis-leases] storm %d, %s: %d origin calls; call latency median %.0f ms,"
        + " max %.0f ms%n", storm, label, calls, sorted[sorted.length / 2] / 1e6,
        sorted[sorted.length - 1] / 1e6);
    instances.forEach(Instance::close);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
