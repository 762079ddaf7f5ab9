package io.tiered.runtime;

import com.github.benmanes.caffeine.cache.Cache;
import java.util.OptionalLong;

/**
 * What both in-process tiers do the same way over their Caffeine cache.
 *
 * @param <S> what the cache stores for a value
 */
abstract class CaffeineTier<K, V, S> implements CacheTier<K, V> {
  final Cache<K, S> cache;

  CaffeineTier(Cache<K, S> cache) {
    this.cache = cache;
  }

  @Override
  public void invalidate(K key) {
    cache.invalidate(key);
  }

  @Override
  public void invalidateAll(Iterable<? extends K> keys) {
    cache.invalidateAll(keys);
  }

  @Override
  public void clear() {
    cache.invalidateAll();
  }

  @Override
  public OptionalLong size() {
    cache.cleanUp();
    return OptionalLong.of(cache.estimatedSize());
  }
}
