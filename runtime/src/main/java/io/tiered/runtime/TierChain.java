package io.tiered.runtime;

import com.github.benmanes.caffeine.cache.Cache;
import io.tiered.runtime.CacheEvent.Kind;
import io.tiered.runtime.CacheEvent.Operation;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The tiers of one cache, L1 first, and the only code that touches them: reads, writes and
 * invalidations, each counted and reported. A failing tier never throws out of here; it is
 * reported as an {@code ERROR} and skipped. The engine decides what to read and write; this class
 * knows how.
 */
final class TierChain<K, V> {
  private static final int L1 = Levels.L1;

  private final String cacheName;
  private final ChainedTier<K, V>[] levels;
  private final LocalTier<K, V> l1;
  private final Telemetry telemetry;
  private final InsertPolicy insertPolicy;
  private final InstantSource clock;

  TierChain(String cacheName, LocalTier<K, V> l1, List<ChainedTier<K, V>> levels, Telemetry telemetry,
      InsertPolicy insertPolicy, InstantSource clock) {
    this.cacheName = cacheName;
    @SuppressWarnings("unchecked")
    ChainedTier<K, V>[] array = levels.toArray(ChainedTier[]::new);
    this.levels = array;
    this.l1 = l1;
    this.telemetry = telemetry;
    this.insertPolicy = insertPolicy;
    this.clock = clock;
  }

  /** What L1 holds for {@code key}, as {@link LocalTier#lookup} says; the hit path's one read. */
  @Nullable Object lookupL1(K key) {
    return l1.lookup(key);
  }

  /**
   * L1's Caffeine cache, for the engine's hit path to read with one dereference; only ever read
   * through {@code getIfPresent}: every write goes through this chain.
   */
  Cache<K, Object> l1Lookups() {
    return l1.cache;
  }

  int size() {
    return levels.length;
  }

  ChainedTier<K, V> level(int level) {
    return levels[level];
  }

  /**
   * A usable entry of the fallback tier at {@code level}, read by {@code load} (see
   * {@link CacheTier#getForLoad}): null when it misses, holds an expired entry, holds one at least
   * {@code maxAgeMillis} old, or fails. An expired entry is also handed to {@code expired}, when
   * there is one (for stale-if-error, which judges whether it may still be served); it still
   * counts as expired.
   */
  @Nullable CacheEntry<V> read(int level, K key, BooleanSupplier load, long requestId,
      long maxAgeMillis, @Nullable ObjIntConsumer<CacheEntry<V>> expired) {
    long start = telemetry.startRead();
    CacheEntry<V> entry;
    try {
      entry = levels[level].tier().getForLoad(key, load);
    } catch (RuntimeException failure) {
      telemetry.tierError(level, Operation.GET, requestId, start, failure);
      return null;
    }
    long now = entry != null && (entry.expires() || maxAgeMillis != Long.MAX_VALUE)
        ? clock.millis()
        : NOT_READ; // nothing to judge against the time: a clock read costs as much as the lookup
    return usable(level, entry, now, requestId, start, maxAgeMillis, expired);
  }

  /** A time not read from the clock, because what it would judge never expires. */
  private static final long NOT_READ = 0;

  /**
   * {@code entry} if it may be served, else null; reported as a hit, miss or expiry. An expired
   * entry goes to {@code expired}, when there is one.
   */
  private @Nullable CacheEntry<V> usable(int level, @Nullable CacheEntry<V> entry, long now,
      long requestId, long start, long maxAgeMillis,
      @Nullable ObjIntConsumer<CacheEntry<V>> expired) {
    Kind outcome;
    if (entry == null) {
      outcome = Kind.MISS;
    } else if (entry.isExpiredAt(now)) {
      outcome = Kind.EXPIRED;
      if (expired != null) {
        expired.accept(entry, level);
      }
    } else if (entry.ageMillis(now) >= maxAgeMillis) {
      outcome = Kind.MISS; // as stale as the value being refreshed
    } else {
      telemetry.tier(Kind.HIT, level, requestId, start);
      return entry;
    }
    telemetry.tier(outcome, level, requestId, start);
    return null;
  }

  /**
   * As {@link #read}, for several keys in one call of the tier ({@link CacheTier#getAllForLoad}),
   * each read by its own load: the usable entries, by key; each key reported as its own hit, miss
   * or expiry. A tier that fails is one error, and a miss for every key.
   */
  Map<K, CacheEntry<V>> readAll(int level, Map<K, ? extends BooleanSupplier> loads,
      long requestId, long maxAgeMillis) {
    long start = telemetry.startRead();
    Map<K, CacheEntry<V>> entries;
    try {
      entries = levels[level].tier().getAllForLoad(loads);
    } catch (RuntimeException failure) {
      telemetry.tierError(level, Operation.GET, requestId, start, failure);
      return Map.of();
    }
    long now = clock.millis();
    Map<K, CacheEntry<V>> found = new HashMap<>();
    for (K key : loads.keySet()) { // keys the tier returned but was not asked for are ignored
      CacheEntry<V> entry =
          usable(level, entries.get(key), now, requestId, start, maxAgeMillis, null);
      if (entry != null) {
        found.put(key, entry);
      }
    }
    return found;
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
    if (!levels[foundAt].promote()) {
      abandonIfLoad(L1 + 1, foundAt, key, stillCurrent, requestId);
      return false;
    }
    long now = NOT_READ;
    boolean wrote = false;
    for (int level = 0; level < foundAt; level++) {
      CacheEntry<V> copy = found.withTtl(levels[level].ttlFor(found.value()));
      if (copy.expires() && now == NOT_READ) {
        now = clock.millis();
      }
      if (copy.isExpiredAt(now)) { // older than this level's ttl: it must not hold it
        abandonIfLoad(level, level + 1, key, stillCurrent, requestId);
        continue;
      }
      Written written = write(level, key, copy, requestId, stillCurrent, now);
      if (written == Written.REFUSED) {
        return refused(L1, level, foundAt, key, requestId, stillCurrent);
      }
      wrote |= written != Written.NOT_WRITTEN && level != L1;
    }
    return wrote;
  }

  /** Writes a value just produced to every level, each with its own ttl; as {@link #store}. */
  boolean store(K key, @Nullable V value, long requestId, @Nullable BooleanSupplier stillCurrent) {
    return store(L1, levels.length, key, value, requestId, stillCurrent);
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
    CacheEntry<V> entry = CacheEntry.of(value, now, null);
    boolean wrote = false;
    for (int level = from; level < end; level++) {
      Written written = write(level, key, entry.withTtl(levels[level].ttlFor(value)), requestId,
          stillCurrent, now.toEpochMilli());
      if (written == Written.REFUSED) {
        return refused(from, level, end, key, requestId, stillCurrent);
      }
      wrote |= written == Written.WRITTEN && level != L1;
    }
    return wrote;
  }

  /**
   * Takes each fallback tier's claim on {@code key} for {@code put} ({@link CacheTier#beginPut});
   * false when a tier failed to, for the put's value must then land nowhere.
   */
  boolean beginPut(K key, Object put, long requestId) {
    boolean fenced = true;
    for (int level = L1 + 1; level < levels.length; level++) {
      long start = telemetry.startWrite();
      try {
        levels[level].tier().beginPut(key, put);
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
    CacheEntry<V> entry = CacheEntry.of(value, now, null);
    for (int level = L1; level < levels.length; level++) {
      if (!writePut(level, key, entry.withTtl(levels[level].ttlFor(value)), requestId, put,
          landedInL1, now.toEpochMilli())) {
        abandon(level + 1, levels.length, key, put, requestId);
        return false;
      }
    }
    return true;
  }

  private boolean writePut(int level, K key, CacheEntry<V> entry, long requestId,
      BooleanSupplier put, Runnable landedInL1, long now) {
    CacheTier<K, V> tier = levels[level].tier();
    long start = telemetry.startWrite();
    boolean admitted = admits(level, key, entry, requestId, start);
    try {
      if (level == L1) {
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
      return level == L1;
    }
  }

  /**
   * After the tier at {@code level} refused {@code load}'s value, written from {@code from}: L1's
   * copy, if it wrote one, goes; the levels after it up to {@code end} are not written, and are
   * told the load ended. Returns true: a level may have been written.
   */
  private boolean refused(int from, int level, int end, K key, long requestId,
      @Nullable BooleanSupplier load) {
    if (from == L1) {
      invalidate(L1, L1 + 1, key, requestId);
    }
    abandonIfLoad(level + 1, end, key, load, requestId);
    return true;
  }

  /** As {@link #abandon}, when the writer is a load (not null), for fallback levels only. */
  private void abandonIfLoad(int from, int end, K key, @Nullable BooleanSupplier load,
      long requestId) {
    if (load != null) {
      abandon(Math.max(from, L1 + 1), end, key, load, requestId);
    }
  }

  /** Tells the fallback tiers that {@code load} of {@code key} ends without writing them. */
  void abandonLoad(K key, BooleanSupplier load, long requestId) {
    abandon(L1 + 1, levels.length, key, load, requestId);
  }

  /** As {@link #abandonLoad}, for the levels from {@code from} up to, not including, {@code end}. */
  private void abandon(int from, int end, K key, BooleanSupplier load, long requestId) {
    forEachBetween(from, end, requestId, Operation.PUT, tier -> tier.loadAbandoned(key, load),
        false);
  }

  /** What {@link #write} did to one level. */
  private enum Written {
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
  private Written write(int level, K key, CacheEntry<V> entry, long requestId,
      @Nullable BooleanSupplier stillCurrent, long now) {
    Written written = writeOnce(level, key, entry, requestId, stillCurrent, now);
    if (written == Written.NOT_WRITTEN && stillCurrent != null && level != L1) {
      abandon(level, level + 1, key, stillCurrent, requestId);
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
    ChainedTier<K, V> target = levels[level];
    long start = telemetry.startWrite();
    if (!admits(level, key, entry, requestId, start)) {
      return Written.NOT_WRITTEN;
    }
    boolean conditionalL1 = level == L1 && stillCurrent != null;
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
      } else if (level == L1) {
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
  private boolean admits(int level, K key, CacheEntry<V> entry, long requestId, long start) {
    try {
      if (!insertPolicy.shouldInsert(cacheName, levels[level].name(), key, entry)) {
        telemetry.tier(Kind.INSERT_REJECTED, level, requestId, 0);
        return false;
      }
      return true;
    } catch (RuntimeException policyFailure) {
      telemetry.tierError(level, Operation.PUT, requestId, start, policyFailure);
      return false;
    }
  }

  /**
   * As {@link #store} for each of several values one bulk load produced: L1 key by key (each write
   * conditional on its key's load), then each fallback level in as few calls as it can take:
   * the keys whose load is still current ({@link CacheTier#putAllLoaded}), those an invalidate
   * dropped meanwhile ({@link CacheTier#putAllFromDroppedLoads}), and the keys of {@code loads} it
   * does not write, which are told their load ended ({@link CacheTier#loadsAbandoned}): no value
   * to cache, kept out by the insert policy, dropped and not stored, or refused by a level in
   * front of it. A key a level refuses is written to no level after it, and its L1 copy is
   * removed, as {@link #store} does. Returns the keys written to a fallback level, or refused
   * there (see {@link #write}).
   *
   * @param values the values to write, by key; keys of {@code loads} absent here are not cached
   * @param loads every key the bulk load was loading, with its load
   */
  Set<K> storeAll(Map<K, V> values, Map<K, ? extends BooleanSupplier> loads, long requestId) {
    Instant loadedAt = clock.instant();
    Set<K> wrote = new HashSet<>();
    values.forEach((key, value) -> write(L1, key,
        CacheEntry.of(value, loadedAt, levels[L1].ttlFor(value)), requestId, loads.get(key),
        loadedAt.toEpochMilli()));
    Set<K> refused = new HashSet<>();
    for (int level = L1 + 1; level < levels.length; level++) {
      long start = telemetry.startWrite();
      Map<K, CacheEntry<V>> current = new HashMap<>();
      Map<K, CacheEntry<V>> dropped = new HashMap<>();
      Map<K, BooleanSupplier> abandoned = new HashMap<>();
      for (Map.Entry<K, ? extends BooleanSupplier> load : loads.entrySet()) {
        K key = load.getKey();
        if (!values.containsKey(key) || refused.contains(key)) {
          abandoned.put(key, load.getValue());
          continue;
        }
        V value = values.get(key);
        CacheEntry<V> entry = CacheEntry.of(value, loadedAt, levels[level].ttlFor(value));
        if (!admits(level, key, entry, requestId, start)) {
          abandoned.put(key, load.getValue());
        } else if (load.getValue().getAsBoolean()) {
          current.put(key, entry);
        } else {
          // Invalidated or overwritten while loading: out of date, unless the tier can tell it is
          // not (its claim outlived the invalidate).
          dropped.put(key, entry);
        }
      }
      writeLoaded(level, current, loads, refused, wrote, requestId, start);
      writeDropped(level, dropped, loads, abandoned, wrote, requestId, start);
      if (!abandoned.isEmpty()) {
        forEachBetween(level, level + 1, requestId, Operation.PUT,
            tier -> tier.loadsAbandoned(abandoned), false);
      }
    }
    return wrote;
  }

  /**
   * The current keys' writes of {@link #storeAll} to one fallback level; the keys it refuses join
   * {@code refused}, and leave L1.
   */
  private void writeLoaded(int level, Map<K, CacheEntry<V>> current,
      Map<K, ? extends BooleanSupplier> loads, Set<K> refused, Set<K> wrote, long requestId,
      long start) {
    if (current.isEmpty()) {
      return;
    }
    wrote.addAll(current.keySet()); // even if it throws: part of it may have landed
    Set<K> refusedHere;
    try {
      refusedHere = levels[level].tier().putAllLoaded(current, loads);
    } catch (RuntimeException failure) {
      telemetry.tierError(level, Operation.PUT, requestId, start, failure);
      return;
    }
    for (K key : current.keySet()) {
      if (refusedHere.contains(key)) {
        telemetry.tier(Kind.INSERT_REJECTED, level, requestId, start);
        refused.add(key);
        invalidate(L1, L1 + 1, key, requestId);
      } else {
        telemetry.tier(Kind.INSERTED, level, requestId, start);
      }
    }
  }

  /**
   * The dropped keys' writes of {@link #storeAll} to one fallback level; the keys it does not
   * store join {@code abandoned}.
   */
  private void writeDropped(int level, Map<K, CacheEntry<V>> dropped,
      Map<K, ? extends BooleanSupplier> loads, Map<K, BooleanSupplier> abandoned, Set<K> wrote,
      long requestId, long start) {
    if (dropped.isEmpty()) {
      return;
    }
    Set<K> stored;
    try {
      stored = levels[level].tier().putAllFromDroppedLoads(dropped, loads);
    } catch (RuntimeException failure) {
      wrote.addAll(dropped.keySet()); // part of it may have landed
      telemetry.tierError(level, Operation.PUT, requestId, start, failure);
      return;
    }
    for (K key : dropped.keySet()) {
      if (stored.contains(key)) {
        wrote.add(key);
        telemetry.tier(Kind.INSERTED, level, requestId, start);
      } else {
        abandoned.put(key, loads.get(key));
      }
    }
  }

  /**
   * Tells the fallback tiers that the loads of several keys end without writing them (see
   * {@link CacheTier#loadsAbandoned}).
   */
  void abandonLoads(Map<K, ? extends BooleanSupplier> loads, long requestId) {
    if (!loads.isEmpty()) {
      forEachBetween(L1 + 1, levels.length, requestId, Operation.PUT,
          tier -> tier.loadsAbandoned(loads), false);
    }
  }

  /**
   * Runs {@code clearing} with no conditional L1 write of a load in progress: see
   * {@link LocalTier#exclusively}.
   */
  void exclusivelyOfLoads(Runnable clearing) {
    l1.exclusively(clearing);
  }

  /** Removes {@code key} from the levels from {@code from} up to, not including, {@code end}. */
  void invalidate(int from, int end, K key, long requestId) {
    forEachBetween(from, end, requestId, Operation.INVALIDATE, tier -> tier.invalidate(key));
  }

  /**
   * Takes back what {@code load} wrote of {@code key} in the fallback tiers after an invalidate
   * dropped it ({@link CacheTier#takeBack}). Not L1's copy: its write, checked under the key's lock,
   * came before the write that dropped the load, and removing it would lose a put made since.
   */
  void takeBack(K key, BooleanSupplier load, long requestId) {
    forEachBetween(L1 + 1, levels.length, requestId, Operation.INVALIDATE,
        tier -> tier.takeBack(key, load));
  }

  /** Removes {@code keys} from the levels from {@code from} up to, not including, {@code end}. */
  void invalidateAll(int from, int end, List<K> keys, long requestId) {
    forEachBetween(from, end, requestId, Operation.INVALIDATE, tier -> tier.invalidateAll(keys));
  }

  /** Removes every key from the levels from {@code from} up to, not including, {@code end}. */
  void clear(int from, int end, long requestId) {
    forEachBetween(from, end, requestId, Operation.CLEAR, CacheTier::clear);
  }

  private void forEachBetween(int from, int end, long requestId, Operation name,
      Consumer<CacheTier<K, V>> operation) {
    forEachBetween(from, end, requestId, name, operation, true);
  }

  private void forEachBetween(int from, int end, long requestId, Operation name,
      Consumer<CacheTier<K, V>> operation, boolean invalidates) {
    for (int level = from; level < end; level++) {
      long start = telemetry.startWrite();
      try {
        operation.accept(levels[level].tier());
        if (invalidates) {
          telemetry.tier(Kind.INVALIDATED, level, requestId, start);
        }
      } catch (RuntimeException failure) {
        telemetry.tierError(level, name, requestId, start, failure);
      }
    }
  }

  CacheStats stats() {
    return telemetry.snapshot(List.of(levels).stream().map(ChainedTier::tier).toList());
  }
}
