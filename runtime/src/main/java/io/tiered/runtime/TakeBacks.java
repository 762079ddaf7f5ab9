package io.tiered.runtime;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Numbers a cache's take-backs (a dropped load removing what it wrote late) and remembers, per
 * stripe of keys, the last one, so that a fallback read can tell whether one of its own key may
 * have happened while it read. Striped rather than per cache: with one count for every key, a busy
 * cache distrusted most fallback hits, and each distrusted hit is an origin call.
 */
final class TakeBacks {
  private static final int STRIPES = 64;

  private final AtomicLong count = new AtomicLong();
  private final AtomicLongArray lastOfStripe = new AtomicLongArray(STRIPES);

  /** {@return the number of the last take-back, to hand to {@link #since} after a read} */
  long now() {
    return count.get();
  }

  /** Records a take-back of {@code key}. */
  void tookBack(Object key) {
    long number = count.incrementAndGet();
    lastOfStripe.accumulateAndGet(stripe(key), number, Math::max);
  }

  /** Whether a take-back of {@code key} (or of a key of its stripe) came after {@code before}. */
  boolean since(Object key, long before) {
    return lastOfStripe.get(stripe(key)) > before;
  }

  private static int stripe(Object key) {
    int hash = key.hashCode();
    return (hash ^ (hash >>> 16)) & (STRIPES - 1);
  }
}
