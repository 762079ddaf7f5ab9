package io.tiered.redis;

import static io.tiered.redis.Instance.shared;

import io.tiered.runtime.TieredCache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * 3 instances × 30 virtual threads that miss one cold key at once, released together; the
 * origin takes {@link #ORIGIN_TIME} and answers "v".
 *
 * @param originCalls the origin calls of all instances together
 * @param values what every caller got
 * @param sortedNanos how long each call took, sorted
 */
record MissStorm(int originCalls, List<String> values, long[] sortedNanos) {
  static final Duration ORIGIN_TIME = Duration.ofMillis(300);
  static final int INSTANCES = 3;
  static final int THREADS_PER_INSTANCE = 30;

  static MissStorm run(RedisServerExtension redis, UnaryOperator<RedisTiers.Builder> configure,
      String key) throws Exception {
    return run(() -> redis.newInstance(configure), key);
  }

  /** The storm on instances {@code newInstance} makes (on one server or a cluster). */
  static MissStorm run(Supplier<Instance> newInstance, String key) throws Exception {
    List<Instance> instances = new ArrayList<>();
    List<TieredCache<String, String>> caches = new ArrayList<>();
    for (int i = 0; i < INSTANCES; i++) {
      Instance instance = newInstance.get();
      instances.add(instance);
      caches.add(instance.cache(shared("Svc.quote", String.class, String.class,
          Duration.ofMinutes(5), true), k -> {
            sleep(ORIGIN_TIME);
            return "v";
          }));
    }
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<String>> results = new ArrayList<>();
    List<CompletableFuture<Long>> nanos = new ArrayList<>();
    for (TieredCache<String, String> cache : caches) {
      for (int thread = 0; thread < THREADS_PER_INSTANCE; thread++) {
        CompletableFuture<String> result = new CompletableFuture<>();
        CompletableFuture<Long> took = new CompletableFuture<>();
        results.add(result);
        nanos.add(took);
        Thread.ofVirtual().start(() -> {
          try {
            start.await();
            long begin = System.nanoTime();
            result.complete(cache.get(key));
            took.complete(System.nanoTime() - begin);
          } catch (Throwable failure) {
            result.completeExceptionally(failure);
            took.completeExceptionally(failure);
          }
        });
      }
    }
    start.countDown();
    List<String> values = new ArrayList<>();
    long[] sorted = new long[nanos.size()];
    for (int i = 0; i < sorted.length; i++) {
      values.add(results.get(i).get(10, TimeUnit.SECONDS));
      sorted[i] = nanos.get(i).get(10, TimeUnit.SECONDS);
    }
    Arrays.sort(sorted);
    int calls = instances.stream().mapToInt(instance -> instance.originCalls.get()).sum();
    return new MissStorm(calls, values, sorted);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
