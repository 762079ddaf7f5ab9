package io.tiered.runtime;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tiered.runtime.CaffeineBuilders.Maintenance;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.StampedLock;
import java.util.function.BiFunction;
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
 * {@code CacheEntry} is always stored as an entry, so it cannot be mistaken for one).
 */
final class LocalTier<K, V> extends CaffeineTier<K, V, Object> {
  private static final Object NULL = new Object(); // a cached null, for cacheNulls
  /** A bare value may outlive its own expiry by this much: the ticker's and the clock's skew. */
  private static final long BARE_TOLERANCE_MILLIS = 1;

  private final boolean keepsEntries;
  private final long ttlMillis;
  private final InstantSource clock;
  private final Maintenance maintenance;
  private final StampedLock writes = new StampedLock();

  LocalTier(TierSpec<K, V> spec, boolean keepsEntries) {
    this(spec, keepsEntries, Maintenance.of(spec.clock()));
  }

  private LocalTier(TierSpec<K, V> spec, boolean keepsEntries, Maintenance maintenance) {
    super(build(spec, keepsEntries, maintenance));
    this.keepsEntries = keepsEntries;
    this.ttlMillis = spec.ttl() == null ? Long.MAX_VALUE : spec.ttl().toMillis();
    this.clock = spec.clock();
    this.maintenance = maintenance;
  }

  private static <K> Cache<K, Object> build(TierSpec<K, ?> spec, boolean keepsEntries,
      Maintenance maintenance) {
    Caffeine<K, Object> builder = CaffeineBuilders.forSpec(spec, maintenance);
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
    return CacheEntry.of(valueOf(stored), Instant.EPOCH, null); // the load instant is not kept
  }

  @Override
  public void put(K key, CacheEntry<V> entry) {
    cache.put(key, stored(entry));
  }

  /**
   * Stores {@code entry} only if {@code stillCurrent} holds, checked under the key's lock so that
   * a concurrent {@link #invalidate} is ordered entirely before or after it. Returns whether it
   * stored. The check must be quick and must not touch this cache.
   */
  boolean putIf(K key, CacheEntry<V> entry, BooleanSupplier stillCurrent) {
    long stamp = writes.readLock(); // shared among loads; excludes a clear (see exclusively)
    try {
      ConditionalWrite write = new ConditionalWrite(stored(entry), stillCurrent);
      cache.asMap().compute(key, write);
      return write.stored;
    } finally {
      writes.unlockRead(stamp);
    }
  }

  /**
   * Runs {@code clearing} with no {@link #putIf} in progress. A clear visits each key without its
   * lock, so a conditional write checked before the clear could otherwise publish after the clear
   * passed its key; per-key invalidation needs no such care.
   */
  void exclusively(Runnable clearing) {
    long stamp = writes.writeLock();
    try {
      clearing.run();
    } finally {
      writes.unlockWrite(stamp);
    }
  }

  private Object stored(CacheEntry<V> entry) {
    V value = entry.value();
    if (keepsEntries || value instanceof CacheEntry<?> || expiresBeforeFixedExpiry(entry)) {
      return entry;
    }
    return value == null ? NULL : value;
  }

  /** Whether Caffeine's fixed expiry, counted from now, would keep {@code entry} too long. */
  private boolean expiresBeforeFixedExpiry(CacheEntry<V> entry) {
    if (ttlMillis == Long.MAX_VALUE) {
      return entry.remainingNanos(0) != Long.MAX_VALUE;
    }
    long remainingMillis = TimeUnit.NANOSECONDS.toMillis(entry.remainingNanos(clock.millis()));
    return remainingMillis < ttlMillis - BARE_TOLERANCE_MILLIS;
  }

  /** Writes a value if the load that produced it is still current, recording whether it did. */
  private static final class ConditionalWrite implements BiFunction<Object, Object, Object> {
    private final Object value;
    private final BooleanSupplier stillCurrent;
    boolean stored;

    ConditionalWrite(Object value, BooleanSupplier stillCurrent) {
      this.value = value;
      this.stillCurrent = stillCurrent;
    }

    @Override
    public @Nullable Object apply(Object key, @Nullable Object previous) {
      stored = stillCurrent.getAsBoolean();
      return stored ? value : previous;
    }
  }
}
