package io.tiered.redis;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Two variants of one Redis call timed call by call, interleaved so that both see the same noise,
 * after {@value #WARMUP} calls of each: what the report tests print their figures from.
 *
 * @param first the first variant's call times, sorted, in ns
 * @param second the second variant's, sorted
 */
record SideBySide(long[] first, long[] second) {
  static final int WARMUP = 2_000;
  static final int SAMPLES = 5_000;

  /** Times {@code first} and {@code second}, each given the call's index. */
  static SideBySide time(IntConsumer first, IntConsumer second) {
    long[] one = new long[SAMPLES];
    long[] two = new long[SAMPLES];
    for (int i = 0; i < WARMUP + SAMPLES; i++) {
      long start = System.nanoTime();
      first.accept(i);
      long middle = System.nanoTime();
      second.accept(i);
      long end = System.nanoTime();
      if (i >= WARMUP) {
        one[i - WARMUP] = middle - start;
        two[i - WARMUP] = end - middle;
      }
    }
    Arrays.sort(one);
    Arrays.sort(two);
    return new SideBySide(one, two);
  }

  /** The first variant's median, in ns. */
  long firstMedian() {
    return first[SAMPLES / 2];
  }

  /** {@return the median and p99 of {@code sorted}, in µs} */
  static String summary(long[] sorted) {
    return String.format("median %.1f µs, p99 %.1f µs (%d calls)",
        sorted[sorted.length / 2] / 1e3, sorted[sorted.length * 99 / 100] / 1e3, sorted.length);
  }
}
