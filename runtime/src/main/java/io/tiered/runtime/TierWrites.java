package io.tiered.runtime;

import io.tiered.runtime.CacheEvent.Kind;
import io.tiered.runtime.CacheEvent.Operation;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The writes of one cache's tiers: a load's value (promoted from a fallback tier, or produced by
 * the origin), each level written only while the load is current and only if the insert policy
 * agrees; and a put's value, under the claims it took. A failing tier never throws out of here:
 * it is reported as an {@code ERROR} and skipped.
 */
final class TierWrites<K, V> {
  private final String cacheName;
  private final TierChain<K, V> chain;
  private final LocalTier<K, V> l1;
  private final Telemetry telemetry;
  private final InsertPolicy insertPolicy;
  private final InstantSource clock;

  TierWrites(String cacheName, TierChain<K, V> chain, Telemetry telemetry,
      InsertPolicy insertPolicy, InstantSource clock) {
    this.cacheName = cacheName;
    this.chain = chain;
    this.l1 = chain.l1();
    this.telemetry = telemetry;
    this.insertPolicy = insertPolicy;
    this.clock = clock;
  }

  /**
   * Copies a fallback hit into the levels in front of it, unless its tier says not to. Returns
   * whether a fallback level was written (see {@link #write}): L1's write, conditional for a load,
   * never needs taking back. Every fallback level in front of it that the load does not write is
   * told so ({@link CacheTier#loadAbandoned}): its read there missed, and may have made a claim (a
   * lease) that must not outlive the load. A refusal is as in {@link #store}.
   */
  boolean promote(K key, CacheEntry<V> found, int foundAt, long requestId,
      @Nullable BooleanSupplier stillCurrent) {
    if (!chain.level(foundAt).promote()) {
      abandonIfLoad(Levels.FIRST_FALLBACK, foundAt, key, stillCurrent, requestId);
      return false;
    }
    long now = TierReads.NOT_READ;
    boolean wrote = false;
    CacheEntry<V> stamped = KeyStamps.stamped(found, stillCurrent);
    for (int level = 0; level < foundAt; level++) {
      CacheEntry<V> copy = stamped.withTtl(chain.level(level).ttlFor(found.value()));
      if (copy.expires() && now == TierReads.NOT_READ) {
        now = clock.millis();
      }
      if (copy.isExpiredAt(now)) { // older than this level's ttl: it must not hold it
        abandonIfLoad(level, level + 1, key, stillCurrent, requestId);
        continue;
      }
      Written written = write(level, key, copy, requestId, stillCurrent, now);
      if (written == Written.REFUSED) {
        return refused(Levels.L1, level, foundAt, key, requestId, stillCurrent);
      }
      wrote |= written != Written.NOT_WRITTEN && level != Levels.L1;
    }
    return wrote;
  }

  /** Writes a value just produced to every level, each with its own ttl; as {@link #store}. */
  boolean store(K key, @Nullable V value, long requestId, @Nullable BooleanSupplier stillCurrent) {
    return store(Levels.L1, chain.size(), key, value, requestId, stillCurrent);
  }

  /**
   * Writes a value just produced to the levels from {@code from} up to, not {@code end}. Returns
   * whether a fallback level was written (see {@link #write}) or refused it. When a tier refuses
   * a load's value (its lease was taken back: see {@link CacheTier#putLoaded}), the value is
   * written to no tier: the levels after it are skipped (and told the load ended), and L1's copy
   * is removed.
   */
  boolean store(int from, int end, K key, @Nullable V value, long requestId,
      @Nullable BooleanSupplier stillCurrent) {
    Instant now = clock.instant();
    CacheEntry<V> entry = KeyStamps.stamped(CacheEntry.of(value, now, null), stillCurrent);
    boolean wrote = false;
    for (int level = from; level < end; level++) {
      Written written = write(level, key, entry.withTtl(chain.level(level).ttlFor(value)),
          requestId, stillCurrent, now.toEpochMilli());
      if (written == Written.REFUSED) {
        return refused(from, level, end, key, requestId, stillCurrent);
      }
      wrote |= written == Written.WRITTEN && level != Levels.L1;
    }
    return wrote;
  }

  /**
   * Takes each fallback tier's claim on {@code key} for {@code put} ({@link CacheTier#beginPut});
   * false when a tier failed to, for the put's value must then land nowhere.
   */
  boolean beginPut(K key, Object put, long requestId) {
    boolean fenced = true;
    for (int level = Levels.FIRST_FALLBACK; level < chain.size(); level++) {
      long start = telemetry.startWrite();
      try {
        chain.level(level).tier().beginPut(key, put);
      } catch (RuntimeException failure) {
        telemetry.tierError(level, Operation.PUT, requestId, start, failure);
        fenced = false;
      }
    }
    return fenced;
  }

  /**
   * Writes the value of {@code put} ({@link #beginPut}): L1 first, only while {@code put} is the
   * key's newest write (checked under the key's lock, which then runs {@code landedInL1} once the
   * value is visible), then each fallback tier through {@link CacheTier#putWritten}. A level whose
   * insert policy keeps the value out drops the key instead: it must not keep the value the put
   * replaced. Returns false when a fallback tier refused the value or failed: the put may have
   * raced another write there, and the caller must invalidate the key everywhere.
   */
  boolean storePut(K key, @Nullable V value, long requestId, BooleanSupplier put,
      Runnable landedInL1) {
    Instant now = clock.instant();
    CacheEntry<V> entry = KeyStamps.stamped(CacheEntry.of(value, now, null), put);
    for (int level = Levels.L1; level < chain.size(); level++) {
      if (!writePut(level, key, entry.withTtl(chain.level(level).ttlFor(value)), requestId, put,
          landedInL1, now.toEpochMilli())) {
        chain.abandon(level + 1, chain.size(), key, put, requestId);
        return false;
      }
    }
    return true;
  }

  private boolean writePut(int level, K key, CacheEntry<V> entry, long requestId,
      BooleanSupplier put, Runnable landedInL1, long now) {
    CacheTier<K, V> tier = chain.level(level).tier();
    long start = telemetry.startWrite();
    boolean admitted = admits(level, key, entry, requestId, start);
    try {
      if (level == Levels.L1) {
        if (!admitted) {
          l1.invalidate(key, landedInL1);
        } else if (l1.putIf(key, entry, put, now, landedInL1)) {
          telemetry.tier(Kind.INSERTED, level, requestId, start);
        }
        return true; // a put dropped meanwhile lands nowhere; its caller invalidates the key
      }
      if (!admitted) {
        tier.invalidate(key);
        tier.loadAbandoned(key, put);
        return true;
      }
      if (!tier.putWritten(key, entry, put)) {
        telemetry.tier(Kind.INSERT_REJECTED, level, requestId, start);
        return false;
      }
      telemetry.tier(Kind.INSERTED, level, requestId, start);
      return true;
    } catch (RuntimeException failure) {
      telemetry.tierError(level, Operation.PUT, requestId, start, failure);
      return level == Levels.L1;
    }
  }

  /**
   * After the tier at {@code level} refused {@code load}'s value, written from {@code from}: L1's
   * copy, if it wrote one, goes; the levels after it up to {@code end} are not written, and are
   * told the load ended. Returns true: a level may have been written.
   */
  private boolean refused(int from, int level, int end, K key, long requestId,
      @Nullable BooleanSupplier load) {
    if (from == Levels.L1) {
      chain.invalidate(Levels.L1, Levels.FIRST_FALLBACK, key, requestId);
    }
    abandonIfLoad(level + 1, end, key, load, requestId);
    return true;
  }

  /** As {@link TierChain#abandon}, when the writer is a load (not null), for fallbacks only. */
  private void abandonIfLoad(int from, int end, K key, @Nullable BooleanSupplier load,
      long requestId) {
    if (load != null) {
      chain.abandon(Math.max(from, Levels.FIRST_FALLBACK), end, key, load, requestId);
    }
  }


  /** What {@link #write} did to one level. */
  enum Written {
    /** The tier was not written. */
    NOT_WRITTEN,
    /** The tier was written, or may have been. */
    WRITTEN,
    /** The tier refused a load's value, reported as {@code INSERT_REJECTED}. */
    REFUSED
  }

  /**
   * As {@link #writeOnce}; a load that does not write a fallback level tells it so (see
   * {@link CacheTier#loadAbandoned}): a claim its read made there (a lease) must not outlive it.
   */
  Written write(int level, K key, CacheEntry<V> entry, long requestId,
      @Nullable BooleanSupplier stillCurrent, long now) {
    Written written = writeOnce(level, key, entry, requestId, stillCurrent, now);
    if (written == Written.NOT_WRITTEN && stillCurrent != null && level != Levels.L1) {
      chain.abandon(level, level + 1, key, stillCurrent, requestId);
    }
    return written;
  }

  /**
   * Writes {@code entry} to one level, if the insert policy agrees and, for a load,
   * {@code stillCurrent} holds (null for a put, which is always current). For a load,
   * {@code stillCurrent} is the load itself, as the tiers know it ({@link CacheTier#putLoaded}).
   * Returns whether the
   * tier was written, or may have been (a write that threw may still have landed), or refused a
   * load's value. An insert policy that throws skips the tier, reported as a failed put: it must
   * not fail the load. {@code now} is the time {@code entry} was judged at, if it expires (L1
   * stores it by how long it has left).
   */
  private Written writeOnce(int level, K key, CacheEntry<V> entry, long requestId,
      @Nullable BooleanSupplier stillCurrent, long now) {
    ChainedTier<K, V> target = chain.level(level);
    long start = telemetry.startWrite();
    if (!admits(level, key, entry, requestId, start)) {
      return Written.NOT_WRITTEN;
    }
    boolean conditionalL1 = level == Levels.L1 && stillCurrent != null;
    try {
      if (stillCurrent != null && !conditionalL1 && !stillCurrent.getAsBoolean()) {
        // Invalidated or overwritten while loading: out of date, unless the tier can tell it is
        // not (its claim outlived the invalidate).
        if (!target.tier().putFromDroppedLoad(key, entry, stillCurrent)) {
          return Written.NOT_WRITTEN;
        }
      } else if (conditionalL1) {
        // Checked under the key's lock, so atomic with an invalidate of the same key: once it
        // returns, no load that started before it can still land in L1.
        if (!l1.putIf(key, entry, stillCurrent, now)) {
          return Written.NOT_WRITTEN;
        }
      } else if (level == Levels.L1) {
        l1.put(key, entry, now);
      } else if (stillCurrent == null) {
        target.tier().put(key, entry);
      } else if (!target.tier().putLoaded(key, entry, stillCurrent)) {
        telemetry.tier(Kind.INSERT_REJECTED, level, requestId, start);
        return Written.REFUSED;
      }
      telemetry.tier(Kind.INSERTED, level, requestId, start);
    } catch (RuntimeException failure) {
      telemetry.tierError(level, Operation.PUT, requestId, start, failure);
    }
    return Written.WRITTEN;
  }

  /** Whether the insert policy lets {@code entry} into {@code level}; a policy that throws does not. */
  boolean admits(int level, K key, CacheEntry<V> entry, long requestId, long start) {
    try {
      if (!insertPolicy.shouldInsert(cacheName, chain.level(level).name(), key, entry)) {
        telemetry.tier(Kind.INSERT_REJECTED, level, requestId, 0);
        return false;
      }
      return true;
    } catch (RuntimeException policyFailure) {
      telemetry.tierError(level, Operation.PUT, requestId, start, policyFailure);
      return false;
    }
  }
}
