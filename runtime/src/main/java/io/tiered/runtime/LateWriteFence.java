package io.tiered.runtime;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Lets a read tell whether what it found may be a late write: one that lost to a newer write of
 * its key but landed after it anyway, and is about to be undone. A writer that may land late marks
 * its keys while it writes ({@link #mark}); once it has undone such a write, it records the undo
 * ({@link #undone}) before it unmarks them. A read that found an entry distrusts it when its key is
 * marked, or when an undo of its key came while it read ({@link #mayBeLate}).
 *
 * <p>Two writers use it: the engine's loads and puts writing fallback tiers, a write there not
 * being atomic with an invalidate (an undo is a take-back), and {@link TimeBoundedTier}'s puts
 * given up on at their timeout. Undos are numbered, and remembered per stripe of keys: with one
 * count for every key, a busy cache distrusted most fallback hits, and each distrusted hit is an
 * origin call.
 */
final class LateWriteFence<K> {
  private static final int STRIPES = 64;

  /** Whether anything may write late at all: false for a cache with no fallback tier. */
  private final boolean tracked;
  /** Keys being written, or waiting for their undo, each with how many writers. */
  private final ConcurrentHashMap<K, Integer> marked = new ConcurrentHashMap<>();
  private final AtomicLong undos = new AtomicLong();
  private final AtomicLongArray lastUndoOfStripe = new AtomicLongArray(STRIPES);

  LateWriteFence(boolean tracked) {
    this.tracked = tracked;
  }

  /** Runs {@code writes} of {@code key}, which may land late, with the key marked meanwhile. */
  void writing(K key, Runnable writes) {
    if (!tracked) {
      writes.run();
      return;
    }
    mark(key);
    try {
      writes.run();
    } finally {
      unmark(key);
    }
  }

  /** As {@link #writing(Object, Runnable)}, for writes of several keys. */
  void writing(Collection<K> keys, Runnable writes) {
    if (!tracked) {
      writes.run();
      return;
    }
    keys.forEach(this::mark);
    try {
      writes.run();
    } finally {
      keys.forEach(this::unmark);
    }
  }

  /** Marks {@code key}: a write of it may land late. */
  void mark(K key) {
    marked.merge(key, 1, Integer::sum);
  }

  /** Ends one mark of {@code key}. */
  void unmark(K key) {
    marked.computeIfPresent(key, (k, count) -> count == 1 ? null : count - 1);
  }

  boolean isMarked(K key) {
    return marked.containsKey(key);
  }

  /** Records an undo of {@code key}'s late write; before its writer unmarks the key. */
  void undone(K key) {
    long number = undos.incrementAndGet();
    lastUndoOfStripe.accumulateAndGet(stripe(key), number, Math::max);
  }

  /** {@return the number of the last undo, to hand to {@link #mayBeLate} after a read} */
  long now() {
    return undos.get();
  }

  /**
   * Whether an entry of {@code key}, read since {@code before}, may be a late write: the key is
   * marked, or an undo of it (or of a key of its stripe) came after {@code before}.
   */
  boolean mayBeLate(K key, long before) {
    return marked.containsKey(key) || lastUndoOfStripe.get(stripe(key)) > before;
  }

  /** Whether an undo of any key came after {@code before}. */
  boolean anyUndoneSince(long before) {
    return undos.get() != before;
  }

  private static int stripe(Object key) {
    int hash = key.hashCode();
    return (hash ^ (hash >>> 16)) & (STRIPES - 1);
  }
}
