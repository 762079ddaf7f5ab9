package io.tiered.example;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lock-free log-linear histogram of nanosecond latencies: eight sub-buckets per power of two,
 * so percentiles are exact to within 12.5%, in a fixed 4 KiB whatever the call count.
 */
final class LatencyHistogram {
  private static final int SUB_BUCKETS = 8;
  private final AtomicLongArray counts = new AtomicLongArray(64 * SUB_BUCKETS);

  void record(long nanos) {
    counts.incrementAndGet(bucket(Math.max(1, nanos)));
  }

  long count() {
    long total = 0;
    for (int i = 0; i < counts.length(); i++) {
      total += counts.get(i);
    }
    return total;
  }

  /** The latency below which {@code fraction} of the calls fell, in nanoseconds; 0 when empty. */
  long percentile(double fraction) {
    long total = count();
    if (total == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(fraction * total);
    long seen = 0;
    for (int i = 0; i < counts.length(); i++) {
      seen += counts.get(i);
      if (seen >= rank) {
        return upperBound(i);
      }
    }
    return upperBound(counts.length() - 1);
  }

  private static int bucket(long nanos) {
    int exponent = 63 - Long.numberOfLeadingZeros(nanos);
    if (exponent < 3) {
      return (int) nanos; // 1..7 ns: one bucket each
    }
    int mantissa = (int) ((nanos >>> (exponent - 3)) & (SUB_BUCKETS - 1));
    return exponent * SUB_BUCKETS + mantissa;
  }

  private static long upperBound(int bucket) {
    int exponent = bucket / SUB_BUCKETS;
    if (exponent < 3) {
      return bucket;
    }
    long mantissa = bucket % SUB_BUCKETS;
    return ((SUB_BUCKETS + mantissa + 1) << (exponent - 3)) - 1;
  }
}
