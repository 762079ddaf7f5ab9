package io.tiered.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The L1 hit counter: the one counter on the hit path, so it must cost less than an atomic
 * instruction (a {@link java.util.concurrent.atomic.LongAdder} costs as much as half of a Caffeine
 * lookup). Each thread adds to its own padded stripe with a plain read and an opaque write; two
 * threads that share a stripe and increment in the same few nanoseconds can lose one count, so the
 * sum may fall short by a tiny fraction under heavy contention, and is exact otherwise.
 */
final class HitCounter {
  private static final int STRIPES = 64; // a power of two
  private static final int PADDING = 16; // longs: 128 bytes between stripes, no false sharing
  private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);

  private final long[] slots = new long[STRIPES * PADDING];

  void increment() {
    int index = (int) (Thread.currentThread().threadId() & (STRIPES - 1)) * PADDING;
    SLOTS.setOpaque(slots, index, (long) SLOTS.getOpaque(slots, index) + 1);
  }

  long sum() {
    long sum = 0;
    for (int stripe = 0; stripe < STRIPES; stripe++) {
      sum += (long) SLOTS.getOpaque(slots, stripe * PADDING);
    }
    return sum;
  }
}
