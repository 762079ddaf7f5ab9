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
      builder.expireAfter(new EntryExpiry<K, V>(spec.clock(), spec.staleFor().toNanos()));
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

  /**
   * Expires each entry at its own cached-at plus ttl, whenever it was written, plus the stale
   * window it is kept for (see {@link TierSpec#staleFor()}).
   */
  private record EntryExpiry<K, V>(InstantSource clock, long staleNanos)
      implements Expiry<K, CacheEntry<V>> {
    @Override
    public long expireAfterCreate(K key, CacheEntry<V> entry, long currentTime) {
      return retained(entry);
    }

    @Override
    public long expireAfterUpdate(K key, CacheEntry<V> entry, long currentTime, long currentDuration) {
      return retained(entry);
    }

    private long retained(CacheEntry<V> entry) {
      long remaining = entry.remainingNanos(clock.millis());
      if (staleNanos == 0 || remaining == Long.MAX_VALUE) {
        return remaining;
      }
      return remaining == 0 ? 0 : saturatedAdd(remaining, staleNanos);
    }

    private static long saturatedAdd(long a, long b) {
      long sum = a + b;
      return sum < 0 ? Long.MAX_VALUE : sum;
    }

    @Override
    public long expireAfterRead(K key, CacheEntry<V> entry, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
