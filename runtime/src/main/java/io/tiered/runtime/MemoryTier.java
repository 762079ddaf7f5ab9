package io.tiered.runtime;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.InstantSource;
import org.jspecify.annotations.Nullable;

/** The Caffeine-backed in-process tier of {@link Tiers#memory()}: entries with their metadata. */
final class MemoryTier<K, V> extends CaffeineTier<K, V, CacheEntry<V>> {

  MemoryTier(TierSpec<K, V> spec) {
    super(build(spec));
  }

  private static <K, V> Cache<K, CacheEntry<V>> build(TierSpec<K, V> spec) {
    Caffeine<K, CacheEntry<V>> builder = CaffeineBuilders.forSpec(spec, CaffeineBuilders.Maintenance.of(spec.clock()));
    if (spec.ttl() != null) {
      // Without a ttl the tier skips expiry bookkeeping entirely: a plain bounded Caffeine cache.
      builder.expireAfter(new EntryExpiry<K, V>(spec.clock()));
    }
    return builder.build();
  }

  @Override
  public @Nullable CacheEntry<V> get(K key) {
    return cache.getIfPresent(key);
  }

  @Override
  public void put(K key, CacheEntry<V> entry) {
    cache.put(key, entry);
  }

  /** Expires each entry at its own cached-at plus ttl, whenever it was written. */
  private record EntryExpiry<K, V>(InstantSource clock) implements Expiry<K, CacheEntry<V>> {
    @Override
    public long expireAfterCreate(K key, CacheEntry<V> entry, long currentTime) {
      return entry.remainingNanos(clock.millis());
    }

    @Override
    public long expireAfterUpdate(K key, CacheEntry<V> entry, long currentTime, long currentDuration) {
      return entry.remainingNanos(clock.millis());
    }

    @Override
    public long expireAfterRead(K key, CacheEntry<V> entry, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
