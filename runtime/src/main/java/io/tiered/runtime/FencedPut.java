package io.tiered.runtime;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A put of the engine begun before the write that produces its value ({@link
 * TieredCache#beginPut}). It is its key's newest write while registered with its
 * {@link WriteOrder}, which an invalidate or a newer put of the key ends; as a
 * {@link BooleanSupplier} it answers whether it still is, the check its L1 write makes under the
 * key's lock. The tiers know it as the put's identity ({@link CacheTier#beginPut}).
 */
final class FencedPut<K, V> implements TieredCache.PendingPut<K, V>, BooleanSupplier {
  private final WriteOrder<K, V> writes;
  private final @Nullable K key;
  private final long requestId;
  private final AtomicBoolean settled = new AtomicBoolean();
  /** Whether every tier took its claim for this put: if one failed, the put must not land. */
  private volatile boolean fenced;

  FencedPut(WriteOrder<K, V> writes, @Nullable K key, long requestId) {
    this.writes = writes;
    this.key = key;
    this.requestId = requestId;
  }

  @Override
  public @Nullable K key() {
    return key;
  }

  long requestId() {
    return requestId;
  }

  boolean fenced() {
    return fenced;
  }

  void fenced(boolean everyTier) {
    this.fenced = everyTier;
  }

  @Override
  public boolean getAsBoolean() {
    return writes.isNewestWrite(this);
  }

  @Override
  public void complete(@Nullable V value) {
    if (key != null && settled.compareAndSet(false, true)) {
      writes.completePut(this, value);
    }
  }

  @Override
  public void cancel() {
    if (key != null && settled.compareAndSet(false, true)) {
      writes.cancelPut(this);
    }
  }

  @Override
  public String toString() {
    return "put of " + key;
  }
}
