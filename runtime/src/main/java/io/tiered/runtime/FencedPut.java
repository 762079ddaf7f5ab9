package io.tiered.runtime;

import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A put of the engine begun before the write that produces its value ({@link
 * TieredCache#beginPut}). It is its key's newest write while registered with the engine, which
 * an invalidate or a newer put of the key ends; as a {@link BooleanSupplier} it answers whether it
 * still is, the check its L1 write makes under the key's lock. The tiers know it as the put's
 * identity ({@link CacheTier#beginPut}).
 */
final class FencedPut<K, V> extends SettledOncePut<K, V> implements BooleanSupplier {
  private final TieredCacheEngine<K, V> cache;
  private final long requestId;
  /** Whether every tier took its claim for this put: if one failed, the put must not land. */
  private volatile boolean fenced;

  FencedPut(TieredCacheEngine<K, V> cache, @Nullable K key, long requestId) {
    super(key);
    this.cache = cache;
    this.requestId = requestId;
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
    return cache.isNewestWrite(this);
  }

  @Override
  void completed(K key, @Nullable V value) {
    cache.completePut(this, value);
  }

  @Override
  void cancelled(K key) {
    cache.cancelPut(this);
  }

  @Override
  public String toString() {
    return "put of " + key();
  }
}
