package io.tiered.runtime;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.InstantSource;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/** The Caffeine-backed in-process tier. */
final class MemoryTier<K, V> implements CacheTier<K, V> {
  private final Cache<K, CacheEntry<V>> cache;

  MemoryTier(TierSpec<K, V> spec) {
    TierSpec.EvictionListener<K> evictions = spec.evictions();
    Caffeine<Object, Object> builder = Caffeine.newBuilder();
    if (!isSystemClock(spec.clock())) {
      // A clock other than the system's is a test's: run maintenance on the calling thread so
      // that evictions are reported before the call returns. In production it stays off the
      // caller's thread (Caffeine's default), which keeps the hit path as fast as Caffeine's.
      builder.executor(Runnable::run);
    }
    if (spec.maximumSize() > 0) {
      builder.maximumSize(spec.maximumSize());
    }
    Caffeine<K, CacheEntry<V>> typed = builder.evictionListener(
        (@Nullable K key, @Nullable CacheEntry<V> entry, RemovalCause cause) -> {
          if (key != null && cause.wasEvicted()) {
            evictions.onEviction(key, cause == RemovalCause.EXPIRED);
          }
        });
    if (spec.ttl() != null) {
      // Without a ttl the tier skips expiry bookkeeping entirely: a plain bounded Caffeine cache.
      typed.expireAfter(new EntryExpiry<K, V>(spec.clock())).ticker(ticker(spec.clock()));
    }
    this.cache = typed.build();
  }

  private static boolean isSystemClock(InstantSource clock) {
    return clock.equals(Clock.systemUTC()) || clock.equals(Clock.systemDefaultZone());
  }

  private static Ticker ticker(InstantSource clock) {
    if (isSystemClock(clock)) {
      return Ticker.systemTicker();
    }
    return () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
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
   * Stores {@code entry} only if {@code stillCurrent} holds, checked under the key's lock so that
   * a concurrent {@link #invalidate} is ordered entirely before or after it. Returns whether it
   * stored. The check must be quick and must not touch this cache.
   */
  boolean putIf(K key, CacheEntry<V> entry, BooleanSupplier stillCurrent) {
    boolean[] stored = {false};
    cache.asMap().compute(key, (k, previous) -> {
      stored[0] = stillCurrent.getAsBoolean();
      return stored[0] ? entry : previous;
    });
    return stored[0];
  }

  @Override
  public void invalidate(K key) {
    cache.invalidate(key);
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

  /** Expires each entry at its own cached-at plus ttl, whenever it was written. */
  private record EntryExpiry<K, V>(InstantSource clock) implements Expiry<K, CacheEntry<V>> {
    @Override
    public long expireAfterCreate(K key, CacheEntry<V> entry, long currentTime) {
      return remainingNanos(entry);
    }

    @Override
    public long expireAfterUpdate(K key, CacheEntry<V> entry, long currentTime, long currentDuration) {
      return remainingNanos(entry);
    }

    @Override
    public long expireAfterRead(K key, CacheEntry<V> entry, long currentTime, long currentDuration) {
      return currentDuration;
    }

    private long remainingNanos(CacheEntry<V> entry) {
      long expiresAt = entry.expiresAtMillis();
      if (expiresAt == Long.MAX_VALUE) {
        return Long.MAX_VALUE;
      }
      long remainingMillis = Math.max(0, expiresAt - clock.millis());
      return TimeUnit.MILLISECONDS.toNanos(remainingMillis);
    }
  }
}
