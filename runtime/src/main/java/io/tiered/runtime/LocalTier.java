package io.tiered.runtime;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Policy.VarExpiration;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * L1, the engine's own in-process tier. Unlike {@link MemoryTier} it stores bare values unless
 * refresh-after needs each entry's age, so that a hit is one Caffeine lookup with no entry object
 * to read through: the difference between Caffeine's speed and half of it. A bare value's expiry
 * is set when it is written, from the entry it came in.
 *
 * <p>The engine reads it through {@link #lookup} and {@link #valueOf}; {@link #get} exists for the
 * {@link CacheTier} contract and, for bare values, cannot tell when the value was loaded.
 */
final class LocalTier<K, V> extends CaffeineTier<K, V, Object> {
  private static final Object NULL = new Object(); // a cached null, for cacheNulls

  private final boolean keepsEntries;
  private final @Nullable VarExpiration<K, Object> expiration;
  private final InstantSource clock;
  private final ReentrantReadWriteLock writes = new ReentrantReadWriteLock();

  LocalTier(TierSpec<K, V> spec, boolean keepsEntries) {
    super(build(spec, keepsEntries));
    this.keepsEntries = keepsEntries;
    this.clock = spec.clock();
    this.expiration = spec.ttl() == null || keepsEntries
        ? null
        : cache.policy().expireVariably().orElseThrow();
  }

  private static <K> Cache<K, Object> build(TierSpec<K, ?> spec, boolean keepsEntries) {
    Caffeine<K, Object> builder = CaffeineBuilders.forSpec(spec);
    if (spec.ttl() != null && !keepsEntries) {
      builder.expireAfter(new WrittenExpiry<>(spec.ttl()));
    }
    // Entries kept for refresh-after carry their own expiry, which the engine checks with the
    // clock read it needs for their age anyway: a second clock read inside Caffeine would double
    // the cost of a hit. An expired entry is then a miss until it is overwritten or evicted.
    return builder.build();
  }

  /** What L1 holds for {@code key}: a bare value or an entry; null when nothing. */
  @Nullable Object lookup(K key) {
    return cache.getIfPresent(key);
  }

  /** Whether stored objects are {@link CacheEntry}s (refresh-after needs their age). */
  boolean keepsEntries() {
    return keepsEntries;
  }

  @SuppressWarnings("unchecked")
  @Nullable V valueOf(Object stored) {
    if (keepsEntries) {
      return ((CacheEntry<V>) stored).value();
    }
    return stored == NULL ? null : (V) stored;
  }

  @Override
  @SuppressWarnings("unchecked")
  public @Nullable CacheEntry<V> get(K key) {
    Object stored = lookup(key);
    if (stored == null || keepsEntries) {
      return (CacheEntry<V>) stored;
    }
    return CacheEntry.of(valueOf(stored), Instant.EPOCH, null); // the load instant is not kept
  }

  @Override
  public void put(K key, CacheEntry<V> entry) {
    if (expiration != null) {
      expiration.put(key, stored(entry), entry.remainingNanos(clock.millis()), TimeUnit.NANOSECONDS);
    } else {
      cache.put(key, stored(entry));
    }
  }

  /**
   * Stores {@code entry} only if {@code stillCurrent} holds, checked under the key's lock so that
   * a concurrent {@link #invalidate} is ordered entirely before or after it. Returns whether it
   * stored. The check must be quick and must not touch this cache.
   */
  boolean putIf(K key, CacheEntry<V> entry, BooleanSupplier stillCurrent) {
    writes.readLock().lock(); // shared among loads; excludes a clear (see exclusively)
    try {
      return putIfLocked(key, entry, stillCurrent);
    } finally {
      writes.readLock().unlock();
    }
  }

  /**
   * Runs {@code clearing} with no {@link #putIf} in progress. A clear visits each key without its
   * lock, so a conditional write checked before the clear could otherwise publish after the clear
   * passed its key; per-key invalidation needs no such care.
   */
  void exclusively(Runnable clearing) {
    writes.writeLock().lock();
    try {
      clearing.run();
    } finally {
      writes.writeLock().unlock();
    }
  }

  private boolean putIfLocked(K key, CacheEntry<V> entry, BooleanSupplier stillCurrent) {
    boolean[] stored = {false};
    BiFunction<K, Object, Object> storeIfCurrent = (k, previous) -> {
      stored[0] = stillCurrent.getAsBoolean();
      return stored[0] ? stored(entry) : previous;
    };
    if (expiration != null) {
      expiration.compute(key, storeIfCurrent,
          Duration.ofNanos(entry.remainingNanos(clock.millis())));
    } else {
      cache.asMap().compute(key, storeIfCurrent);
    }
    return stored[0];
  }

  private Object stored(CacheEntry<V> entry) {
    if (keepsEntries) {
      return entry;
    }
    V value = entry.value();
    return value == null ? NULL : value;
  }

  /** For bare values every write states its duration; this only covers a write that does not. */
  private record WrittenExpiry<K>(Duration ttl) implements Expiry<K, Object> {
    @Override
    public long expireAfterCreate(K key, Object value, long currentTime) {
      return ttl.toNanos();
    }

    @Override
    public long expireAfterUpdate(K key, Object value, long currentTime, long currentDuration) {
      return ttl.toNanos();
    }

    @Override
    public long expireAfterRead(K key, Object value, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
