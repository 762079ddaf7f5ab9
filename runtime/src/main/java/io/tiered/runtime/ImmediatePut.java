package io.tiered.runtime;

import org.jspecify.annotations.Nullable;

/**
 * The {@link TieredCache.PendingPut} of a cache with no ordering of its own: completing it is a
 * {@link TieredCache#put}, cancelling it leaves the cache alone.
 */
final class ImmediatePut<K, V> extends SettledOncePut<K, V> {
  private final TieredCache<K, V> cache;

  ImmediatePut(TieredCache<K, V> cache, @Nullable K key) {
    super(key);
    this.cache = cache;
  }

  @Override
  void completed(K key, @Nullable V value) {
    cache.put(key, value);
  }

  @Override
  void cancelled(K key) {}
}
