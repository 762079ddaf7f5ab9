package io.tiered.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * 1,000 virtual threads ask for the same missing key at once; the origin takes 20 ms. Counts the
 * origin calls and the callers' p99 latency. Not a JMH benchmark: it is one event, measured as a
 * user would see it, repeated a few times on fresh keys.
 */
final class MissStorm {
  static final int CALLERS = 1_000;

  /** What one contender did in the storm. */
  record Result(String contender, int originCalls, double p50Millis, double p99Millis) {}

  private MissStorm() {}

  static Result run(String contender, SlowService service, int rounds) throws Exception {
    int calls = 0;
    List<Long> latencies = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      int before = SlowOrigin.CALLS.get();
      latencies.addAll(storm(service, contender + "-cold-" + round));
      calls = Math.max(calls, SlowOrigin.CALLS.get() - before);
    }
    long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    return new Result(contender, calls, millis(percentile(sorted, 0.50)),
        millis(percentile(sorted, 0.99)));
  }

  private static List<Long> storm(SlowService service, String key) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Long>> callers = new ArrayList<>(CALLERS);
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < CALLERS; i++) {
        callers.add(threads.submit(() -> {
          start.await();
          long begin = System.nanoTime();
          service.load(key);
          return System.nanoTime() - begin;
        }));
      }
      start.countDown();
      List<Long> latencies = new ArrayList<>(CALLERS);
      for (Future<Long> caller : callers) {
        latencies.add(caller.get());
      }
      return latencies;
    }
  }

  private static long percentile(long[] sorted, double fraction) {
    int index = (int) Math.ceil(fraction * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static double millis(long nanos) {
    return nanos / 1_000_000.0;
  }

  static String describe(Result... results) {
    StringBuilder table = new StringBuilder(String.format(
        "%-28s %12s %10s %10s%n", "miss storm (1,000 callers)", "origin calls", "p50 ms", "p99 ms"));
    Arrays.stream(results).forEach(result -> table.append(String.format("%-28s %12d %10.1f %10.1f%n",
        result.contender(), result.originCalls(), result.p50Millis(), result.p99Millis())));
    return table.toString();
  }
}
