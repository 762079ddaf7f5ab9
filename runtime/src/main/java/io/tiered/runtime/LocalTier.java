package io.tiered.runtime;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tiered.runtime.CaffeineBuilders.Maintenance;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * L1, the engine's own in-process tier, built so that a hit costs what a hand-written Caffeine
 * lookup with the same expiry costs.
 *
 * <p>What it stores for a value depends on what the cache needs:
 *
 * <ul>
 *   <li>Without refresh-after, the bare value, in a Caffeine cache with a fixed
 *       {@code expireAfterWrite(ttl)}: a hit is one lookup, with no entry to read through and no
 *       clock read of ours (Caffeine's own expiry check reads its ticker). A value promoted from a
 *       fallback tier is older than its write, so it must leave L1 before a fixed expiry would
 *       drop it: that one is stored as its {@link CacheEntry}, and the engine checks its expiry
 *       with a clock read. Variable expiry would make every hit pay for those few.
 *   <li>With refresh-after or stale-if-error, every value as its {@link CacheEntry}, whose age
 *       the engine reads on each hit; Caffeine then has no expiry of its own, since a second clock
 *       read inside it would double the cost of a hit. An expired entry is a miss until it is
 *       overwritten or evicted by size; for stale-if-error it is also the stale value a failed
 *       load may serve, until its ttl plus the stale window.
 * </ul>
 *
 * <p>So a stored object is timed exactly when it is a {@link CacheEntry} (a value that is itself a
 * {@code CacheEntry} is always stored as an entry, so it cannot be mistaken for one). A tagged
 * value is kept bare too, and its key in the {@link TagIndex}: an invalidation of one of its tags
 * removes it ({@link #sweep}), so a hit reads nothing of its tags. A timed entry carries its tags'
 * versions, which every read of it checks.
 */
final class LocalTier<K, V> extends CaffeineTier<K, V, Object> {
  private static final Object NULL = new Object(); // a cached null, for cacheNulls
  /** A bare value may outlive its own expiry by this much: the ticker's and the clock's skew. */
  private static final long BARE_TOLERANCE_MILLIS = 1;
  /** Enough stripes that two threads writing different keys rarely share one; a power of two. */
  private static final int WRITE_STRIPES = 64;

  private final boolean keepsEntries;
  private final long ttlMillis;
  private final InstantSource clock;
  private final Maintenance maintenance;
  /**
   * Orders every write of a key (a load's conditional write, a put, an invalidate) one after the
   * other: a lock per stripe of keys, instead of Caffeine's {@code compute}, which allocates about
   * a hundred bytes per call on the miss path. Reads take no lock.
   */
  private final ReentrantLock[] writeLocks = new ReentrantLock[WRITE_STRIPES];
  /** The keys of the bare values it holds under each tag; null when it holds none tagged. */
  private final @Nullable TagIndex<K> tagIndex;

  /**
   * @param stamps the stamps of the cache's loads: the tags of a key, if it has any
   * @param keepsEntries whether every value is kept as its {@link CacheEntry}
   */
  LocalTier(TierSpec<K, V> spec, KeyStamps<K> stamps, boolean keepsEntries) {
    this(spec, keepsEntries, Maintenance.of(spec.clock()),
        spec.tags().isNone() || keepsEntries ? null : new TagIndex<>(stamps::stamp));
  }

  private LocalTier(TierSpec<K, V> spec, boolean keepsEntries, Maintenance maintenance,
      @Nullable TagIndex<K> tagIndex) {
    super(build(spec, keepsEntries, maintenance, tagIndex));
    this.tagIndex = tagIndex;
    this.keepsEntries = keepsEntries;
    this.ttlMillis = spec.ttl() == null ? Long.MAX_VALUE : spec.ttl().toMillis();
    this.clock = spec.clock();
    this.maintenance = maintenance;
    for (int stripe = 0; stripe < WRITE_STRIPES; stripe++) {
      writeLocks[stripe] = new ReentrantLock();
    }
  }

  private static <K> Cache<K, Object> build(TierSpec<K, ?> spec, boolean keepsEntries,
      Maintenance maintenance, @Nullable TagIndex<K> tagIndex) {
    TierSpec.EvictionListener<K> evictions = spec.evictions();
    Caffeine<K, Object> builder = CaffeineBuilders.forSpec(spec, maintenance, tagIndex == null
        ? evictions
        // Not removed from the index here: Caffeine runs this before the value leaves the map,
        // and a sweep that found no key then would return while a read could still see it.
        : (key, expired) -> {
          tagIndex.evicted(key);
          evictions.onEviction(key, expired);
        });
    if (spec.ttl() != null && !keepsEntries) {
      builder.expireAfterWrite(spec.ttl());
    }
    return builder.build();
  }

  /** What L1 holds for {@code key}: a bare value or a {@link CacheEntry}; null when nothing. */
  @Nullable Object lookup(K key) {
    return cache.getIfPresent(key);
  }

  /** Whether {@code stored} carries its own expiry and age, which the engine must check. */
  static boolean isTimed(Object stored) {
    return stored instanceof CacheEntry<?>;
  }

  /** The value of a stored object that is not {@linkplain #isTimed timed}. */
  @SuppressWarnings("unchecked")
  static <V> @Nullable V bareValueOf(Object stored) {
    return stored == NULL ? null : (V) stored;
  }

  @SuppressWarnings("unchecked")
  static <V> @Nullable V valueOf(Object stored) {
    if (stored instanceof CacheEntry<?> entry) {
      return (V) entry.value();
    }
    return bareValueOf(stored);
  }

  /** How this tier reads time and runs maintenance; tests pin the production choice. */
  Maintenance maintenance() {
    return maintenance;
  }

  /** {@return how many tags its bare values are indexed under} For tests. */
  int indexedTags() {
    forgetEvicted();
    return tagIndex == null ? 0 : tagIndex.tags();
  }

  /** The Caffeine cache itself, for tests that check its configuration. */
  Cache<K, Object> caffeine() {
    return cache;
  }

  @Override
  @SuppressWarnings("unchecked")
  public @Nullable CacheEntry<V> get(K key) {
    Object stored = lookup(key);
    if (stored == null || isTimed(stored)) {
      return (CacheEntry<V>) stored;
    }
    // The load instant is not kept.
    return CacheEntry.of(valueOf(stored), Instant.EPOCH, null);
  }

  @Override
  public void put(K key, CacheEntry<V> entry) {
    put(key, entry, entry.expires() ? clock.millis() : 0);
  }

  /** As {@link #put(Object, CacheEntry)}, {@code entry} judged at {@code now} if it expires. */
  void put(K key, CacheEntry<V> entry, long now) {
    forgetEvicted();
    ReentrantLock lock = writeLock(key);
    lock.lock();
    try {
      store(key, entry, stored(entry, now));
    } finally {
      lock.unlock();
    }
  }

  /** Removes {@code key}, then runs {@code removed} still holding the key's write lock. */
  void invalidate(K key, Runnable removed) {
    ReentrantLock lock = writeLock(key);
    lock.lock();
    try {
      remove(key);
      removed.run();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stores {@code entry} only if {@code stillCurrent} holds, checked under the key's write lock so
   * that a concurrent {@link #invalidate} or {@link #put} is ordered entirely before or after it.
   * Returns whether it stored. The check must be quick and must not touch this cache.
   * {@code now} is the time {@code entry} was judged at, if it expires: it is kept bare only if
   * it has the whole ttl left then.
   */
  boolean putIf(K key, CacheEntry<V> entry, BooleanSupplier stillCurrent, long now) {
    return putIf(key, entry, stillCurrent, now, null);
  }

  /**
   * As {@link #putIf(Object, CacheEntry, BooleanSupplier, long)}, then runs {@code landed}, if it
   * stored, still holding the key's write lock: after the write is visible, before any later
   * write of the key.
   */
  boolean putIf(K key, CacheEntry<V> entry, BooleanSupplier stillCurrent, long now,
      @Nullable Runnable landed) {
    Object stored = stored(entry, now);
    forgetEvicted();
    ReentrantLock lock = writeLock(key);
    lock.lock();
    try {
      if (!stillCurrent.getAsBoolean() || !store(key, entry, stored)) {
        return false;
      }
      if (landed != null) {
        landed.run();
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void invalidate(K key) {
    ReentrantLock lock = writeLock(key);
    lock.lock();
    try {
      remove(key);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Removes every value it holds bare under {@code state}'s tag, which an invalidation has just
   * moved on (see {@link TagIndex}). A value of such a key stored since, by a load that began
   * after, goes too: one miss more, never an invalid hit.
   */
  void sweep(TagState state) {
    if (tagIndex != null) {
      tagIndex.keysUnder(state).forEach(this::invalidate);
    }
  }

  @Override
  public void clear() {
    // Holding every write lock, so that no write indexes a key between the two steps; the values
    // first: a sweep that finds the index empty returns, and a read after it must find no value.
    exclusively(() -> {
      cache.invalidateAll();
      if (tagIndex != null) {
        tagIndex.clear();
      }
    });
  }

  /**
   * Takes the keys Caffeine evicted out of the index, each under its lock unless L1 holds a value
   * of it again. A key whose lock another thread holds waits for the next write: this one may hold
   * a lock itself, and two such writes must not wait for each other.
   */
  private void forgetEvicted() {
    if (tagIndex == null) {
      return;
    }
    for (K key = tagIndex.pollEvicted(); key != null; key = tagIndex.pollEvicted()) {
      ReentrantLock lock = writeLock(key);
      if (!lock.tryLock()) {
        tagIndex.evicted(key);
        return;
      }
      try {
        if (!cache.asMap().containsKey(key)) {
          tagIndex.remove(key);
        }
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * Stores {@code stored}, the form of {@code entry}, for {@code key}, and returns true; the
   * caller holds the key's lock. Not if one of the entry's tags was invalidated since its load or
   * put began. L1 may then hold an older bare value of the key which that invalidation has yet to
   * remove, and a caller who saw this write refused (its put returned, its load answered) must
   * not be served it next: the key's value goes now. A bare value carries no stamp that could tell
   * an older value from a newer one, so a newer one goes too: one load more, in a rare race.
   */
  private boolean store(K key, CacheEntry<V> entry, Object stored) {
    TagStamp stamp = entry.tagStamp();
    if (stamp != null && !stamp.isCurrent()) {
      if (tagIndex != null) {
        remove(key);
      }
      return false;
    }
    if (tagIndex == null || stamp == null || stored instanceof CacheEntry<?>) {
      cache.put(key, stored);
      return true;
    }
    // A bare value carries no stamp a read could check: it may be stored only if its key is
    // indexed first and its stamp still current after (see TagIndex).
    boolean[] current = {true};
    cache.asMap().compute(key, (k, old) -> {
      tagIndex.add(stamp, k);
      if (stamp.isCurrent()) {
        return stored;
      }
      current[0] = false;
      tagIndex.remove(k, stamp);
      return null; // as stale: invalidated while this write held the lock
    });
    return current[0];
  }

  /** Removes {@code key}; the caller holds its lock. */
  private void remove(K key) {
    cache.invalidate(key);
    if (tagIndex != null) {
      tagIndex.remove(key);
    }
  }

  @Override
  public void invalidateAll(Iterable<? extends K> keys) {
    for (K key : keys) {
      invalidate(key);
    }
  }

  /**
   * Runs {@code clearing} holding every write lock. A clear visits each key without its lock, so
   * a conditional write checked before the clear could otherwise publish after the clear passed
   * its key.
   */
  void exclusively(Runnable clearing) {
    lockFrom(0, clearing);
  }

  private void lockFrom(int stripe, Runnable clearing) {
    if (stripe == WRITE_STRIPES) {
      clearing.run();
      return;
    }
    writeLocks[stripe].lock();
    try {
      lockFrom(stripe + 1, clearing);
    } finally {
      writeLocks[stripe].unlock();
    }
  }

  private ReentrantLock writeLock(K key) {
    int hash = key.hashCode();
    return writeLocks[(hash ^ (hash >>> 16)) & (WRITE_STRIPES - 1)];
  }

  private Object stored(CacheEntry<V> entry, long now) {
    V value = entry.value();
    if (keepsEntries || value instanceof CacheEntry<?> || expiresBeforeFixedExpiry(entry, now)) {
      return entry;
    }
    return value == null ? NULL : value;
  }

  /** Whether Caffeine's fixed expiry, counted from {@code now}, would keep {@code entry} too long. */
  private boolean expiresBeforeFixedExpiry(CacheEntry<V> entry, long now) {
    if (!entry.expires() || ttlMillis == Long.MAX_VALUE) {
      return entry.expires();
    }
    long remainingMillis = TimeUnit.NANOSECONDS.toMillis(entry.remainingNanos(now));
    return remainingMillis < ttlMillis - BARE_TOLERANCE_MILLIS;
  }
}
