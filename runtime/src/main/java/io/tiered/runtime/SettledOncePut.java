package io.tiered.runtime;

import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TieredCache.PendingPut} settled once: the first {@link #complete} or {@link #cancel}
 * acts, later calls do nothing, and a put of a null key never acts.
 */
abstract class SettledOncePut<K, V> implements TieredCache.PendingPut<K, V> {
  private final @Nullable K key;
  private final AtomicBoolean settled = new AtomicBoolean();

  SettledOncePut(@Nullable K key) {
    this.key = key;
  }

  @Override
  public final @Nullable K key() {
    return key;
  }

  @Override
  public final void complete(@Nullable V value) {
    if (key != null && settled.compareAndSet(false, true)) {
      completed(key, value);
    }
  }

  @Override
  public final void cancel() {
    if (key != null && settled.compareAndSet(false, true)) {
      cancelled(key);
    }
  }

  /** Caches {@code value}, the first time the put settles. */
  abstract void completed(K key, @Nullable V value);

  /** Ends the put without a value, the first time it settles. */
  abstract void cancelled(K key);
}
