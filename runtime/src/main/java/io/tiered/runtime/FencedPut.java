package io.tiered.runtime;

import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A put of the engine begun before the write that produces its value ({@link
 * TieredCache#beginPut}). It is its key's newest write while registered with its
 * {@link WriteOrder}, which an invalidate or a newer put of the key ends; as a
 * {@link BooleanSupplier} it answers whether it still is, the check its L1 write makes under the
 * key's lock. The tiers know it as the put's identity ({@link CacheTier#beginPut}).
 */
final class FencedPut<K, V> extends SettledOncePut<K, V>
    implements BooleanSupplier, KeyStamps.Stamped {
  private final WriteOrder<K, V> writes;
  private final long requestId;
  /**
   * Its key's tags' versions as it began: the value of a put overtaken by a tag invalidation lands
   * carrying versions no read accepts.
   */
  private final @Nullable TagStamp stamp;
  /** Whether every tier took its claim for this put: if one failed, the put must not land. */
  private volatile boolean fenced;

  FencedPut(WriteOrder<K, V> writes, @Nullable K key, long requestId, @Nullable TagStamp stamp) {
    super(key);
    this.writes = writes;
    this.requestId = requestId;
    this.stamp = stamp;
  }

  @Override
  public @Nullable TagStamp tagStamp() {
    return stamp;
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
  void completed(K key, @Nullable V value) {
    writes.completePut(this, value);
  }

  @Override
  void cancelled(K key) {
    writes.cancelPut(this);
  }

  @Override
  public String toString() {
    return "put of " + key();
  }
}
