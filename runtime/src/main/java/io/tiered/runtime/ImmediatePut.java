package io.tiered.runtime;

import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The {@link TieredCache.PendingPut} of a cache with no ordering of its own: {@link #complete}
 * is a {@link TieredCache#put}, {@link #cancel} leaves the cache alone.
 */
final class ImmediatePut<K, V> implements TieredCache.PendingPut<K, V> {
  private final TieredCache<K, V> cache;
  private final @Nullable K key;
  private final AtomicBoolean settled = new AtomicBoolean();

  ImmediatePut(TieredCache<K, V> cache, @Nullable K key) {
    this.cache = cache;
    this.key = key;
  }

  @Override
  public @Nullable K key() {
    return key;
  }

  @Override
  public void complete(@Nullable V value) {
    if (key != null && settled.compareAndSet(false, true)) {
      cache.put(key, value);
    }
  }

  @Override
  public void cancel() {
    settled.set(true);
  }
}
