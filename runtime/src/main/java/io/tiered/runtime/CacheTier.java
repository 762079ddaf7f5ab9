package io.tiered.runtime;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One storage level of a cache: the in-process L1, a shared Redis, a test double. A tier holds
 * the entries of exactly one cached method; it is made for that method by a {@link TierFactory}.
 *
 * <p>Implementations must be thread-safe. They may throw on any operation (a remote store that is
 * down, a timeout): the engine then treats the tier as a miss on read and skips it on write,
 * reporting an {@link CacheEvent.Kind#ERROR} event, so a failing tier never fails a call.
 * Implementations must bound how long an operation can block.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface CacheTier<K, V> {

  /**
   * {@return the entry stored for {@code key}, or {@code null} when there is none} It may be past
   * its ttl: the engine checks {@link CacheEntry#isExpiredAt} itself and counts it as a miss.
   *
   * @param key the key to read; never null (null keys bypass the cache)
   */
  @Nullable CacheEntry<V> get(K key);

  /**
   * Stores {@code entry} for {@code key}, replacing any previous one. A tier that expires entries
   * should drop it at {@link CacheEntry#expiresAt()}, not a full ttl after this write: a value
   * promoted from a tier behind this one is already as old as its load.
   *
   * @param key the key to write; never null
   * @param entry the value, the instant the origin produced it, and this tier's ttl
   */
  void put(K key, CacheEntry<V> entry);

  /**
   * {@return the entry stored for {@code key}, read by a load of this instance, which goes on to
   * the origin when every tier misses} As {@link #get}, by default. A tier that lets one instance
   * at a time fill a key (a lease, as the Redis tier's) may make a miss here a claim to fill it,
   * which it keeps for {@code load}: however the load ends, the engine then calls
   * {@link #putLoaded} or {@link #loadAbandoned} with the same {@code load}, so no claim outlives
   * its load (either may also come for a load that holds no claim, or no longer: nothing to do
   * then). Two loads of one key (one that an invalidate dropped, and the next) pass
   * different objects, and must never be confused: the first must not fill under, nor give up, a
   * claim of the second.
   *
   * @param key the key to read; never null
   * @param load identifies the load, from this read to its write or end; distinct for every load
   *     (compare it by identity)
   */
  default @Nullable CacheEntry<V> getForLoad(K key, Object load) {
    return get(key);
  }

  /**
   * Stores a value that {@code load} produced after its read of this tier ({@link #getForLoad})
   * missed, and says whether the tier took it. A tier that made that read a claim (a lease) writes
   * only under it, and refuses the value once the claim was taken back, for an invalidate came
   * after the load began: the engine then writes the value to no tier, and returns it to the
   * load's callers only. Without a claim of {@code load} (its read found a value the engine did
   * not use), a tier writes the value as {@link #put} writes it, or not at all where such a write
   * could land after an invalidate the load raced (the Redis tier's, with leases). The default
   * {@link #put}s it and returns true.
   *
   * @param key the key to write; never null
   * @param entry the value, the instant the origin produced it, and this tier's ttl
   * @param load the load, as passed to {@link #getForLoad}
   * @return false when the tier refused the value, true when it stored it (or may have)
   */
  default boolean putLoaded(K key, CacheEntry<V> entry, Object load) {
    put(key, entry);
    return true;
  }

  /**
   * Tells the tier that {@code load}, whose read of this tier missed, ends without writing it:
   * the origin failed, or returned a value that is not cached, or an invalidate dropped the load,
   * or the insert policy kept it out of this tier, or a tier behind this one answered and its
   * value is not promoted here. A tier that made the read a claim to fill the key (a lease) gives
   * the claim of {@code load}, and only that one, up here, so that other instances need not wait
   * for it. The default does nothing.
   *
   * @param key the key whose load ended; never null
   * @param load the load, as passed to {@link #getForLoad}
   */
  default void loadAbandoned(K key, Object load) {}

  /**
   * {@return whether a load's write here lands only while nothing invalidated the key since the
   * load's read} True for a tier whose reads for a load make a claim that every invalidate removes
   * and whose loads write by compare-and-set on it (the Redis tier's leases): it never holds a
   * dropped load's late write, so the engine trusts what a load reads here even while such a write
   * is being taken back from another tier. False by default.
   */
  default boolean fencesLoadWrites() {
    return false;
  }

  /**
   * Offers the value of {@code load}, which an invalidate dropped after its read here: the engine
   * writes such a value nowhere, as it may be older than the invalidate, unless the tier can tell
   * it is not. A tier whose read made a claim that any invalidate since removes (a lease) stores it
   * while its claim still holds, and returns whether it did; so a load that began after a change
   * but was dropped by a late notice of it (another instance's message) still fills for the
   * others. When it returns false, the engine then calls {@link #loadAbandoned}. By default
   * nothing is stored.
   *
   * @param key the key the dropped load read; never null
   * @param entry the value, the instant the origin produced it, and this tier's ttl
   * @param load the load, as passed to {@link #getForLoad}
   * @return whether the value was stored
   */
  default boolean putFromDroppedLoad(K key, CacheEntry<V> entry, Object load) {
    return false;
  }

  /**
   * Takes back what {@code load} wrote here through {@link #putLoaded}: an invalidate dropped the
   * load after its write had passed its check, so the value may be older than that invalidate. By
   * default the key is invalidated. A tier whose loads' writes land only while nothing
   * invalidated the key since the load's read (a lease's compare-and-set, as the Redis tier's)
   * holds nothing to take back, and should not remove, or tell other instances about, the value a
   * newer load of the fleet stored meanwhile.
   *
   * @param key the key the dropped load wrote; never null
   * @param load the load, as passed to {@link #putLoaded}
   */
  default void takeBack(K key, Object load) {
    invalidate(key);
  }

  /**
   * A put of {@code key} is about to change the source of truth ({@link TieredCache#beginPut}):
   * the tier may make it a claim, kept for {@code put}, so that the put's value lands only if no
   * other write of the key came since, and a load that read before the change cannot land after
   * it. The Redis tier, with leases, takes the key's lease over whatever it holds, keeping that to
   * put back if the put is cancelled. The engine then calls {@link #putWritten}, or
   * {@link #loadAbandoned} when the put is cancelled, with the same {@code put}. The default does
   * nothing.
   *
   * @param key the key about to change; never null
   * @param put identifies the put; distinct for every put (compare it by identity)
   */
  default void beginPut(K key, Object put) {}

  /**
   * Stores the value of {@code put} ({@link #beginPut}), and tells other instances that share the
   * tier to drop their copies of the key. A tier that made {@link #beginPut} a claim writes only
   * under it, and refuses the value once the claim was taken back (another write of the key came
   * since): the engine then invalidates the key everywhere. The default {@link #put}s it and
   * returns true.
   *
   * @param key the key to write; never null
   * @param entry the value, the instant it was written, and this tier's ttl
   * @param put the put, as passed to {@link #beginPut}
   * @return false when the tier refused the value, true when it stored it (or may have)
   */
  default boolean putWritten(K key, CacheEntry<V> entry, Object put) {
    put(key, entry);
    return true;
  }

  /**
   * Removes the entry for {@code key}, if any.
   *
   * @param key the key to remove; never null
   */
  void invalidate(K key);

  /**
   * Removes the entries for {@code keys}, if any. Tiers that can remove several keys in one call
   * (one round trip, one message to other instances) override this; the default removes them one
   * by one.
   *
   * @param keys the keys to remove; none of them null
   */
  default void invalidateAll(Iterable<? extends K> keys) {
    for (K key : keys) {
      invalidate(key);
    }
  }

  /**
   * {@return the entries stored for {@code keys}, by key; keys with no entry are left out} Read by
   * bulk methods ({@code @Bulk}) for the keys L1 misses, once per tier, through
   * {@link #getAllForLoad}, whose default this is. Tiers that can read several
   * keys in one call (Redis: {@code MGET}) override this; the default reads them one by one. As for
   * {@link #get}, entries may be past their ttl.
   *
   * @param keys the keys to read, distinct; none of them null
   */
  default Map<K, CacheEntry<V>> getAll(Collection<? extends K> keys) {
    Map<K, CacheEntry<V>> found = new HashMap<>();
    for (K key : keys) {
      CacheEntry<V> entry = get(key);
      if (entry != null) {
        found.put(key, entry);
      }
    }
    return found;
  }

  /**
   * Stores each of {@code entries}, as {@link #put} does. Written by bulk methods with what one
   * origin call loaded, through {@link #putAllLoaded}, whose default calls this. Tiers that can
   * write several keys in one round trip override this; the
   * default writes them one by one.
   *
   * @param entries the entries to write, by key; no key null
   */
  default void putAll(Map<? extends K, CacheEntry<V>> entries) {
    entries.forEach(this::put);
  }

  /**
   * {@return the entries stored for the keys of {@code loads}, by key, read by a bulk load that
   * goes on to the origin for the keys every tier misses; keys with no entry are left out} As
   * {@link #getForLoad} for each key with its own load, in as few calls as the tier can: by
   * default {@link #getAll}. A tier that makes a miss a claim to fill the key (a lease) may do so
   * here for each key it misses, kept for that key's load: however the bulk load ends, the engine
   * then calls {@link #putAllLoaded}, {@link #putAllFromDroppedLoads} or {@link #loadsAbandoned}
   * (or the single-key {@link #putLoaded}, when a tier behind this one answers the key) with each
   * key's load, so no claim outlives its load. As for {@link #get}, entries may be past their ttl.
   *
   * @param loads the keys to read, distinct and none of them null, each with its load (distinct
   *     for every key and every load; compare them by identity)
   */
  default Map<K, CacheEntry<V>> getAllForLoad(Map<? extends K, ?> loads) {
    return getAll(loads.keySet());
  }

  /**
   * Stores the values a bulk load produced after its read of this tier
   * ({@link #getAllForLoad}) missed their keys, and returns the keys whose value the tier refused.
   * As {@link #putLoaded} for each key, in as few calls as the tier can: a key whose read made a
   * claim (a lease) is written only under it, and refused once the claim was taken back (an
   * invalidate came after the load began); the engine then writes that key's value to no tier,
   * and returns it to the load's callers only. By default {@link #putAll}, refusing none.
   *
   * @param entries the entries to write, by key; no key null
   * @param loads the load of each key of {@code entries} (and maybe of others), as passed to
   *     {@link #getAllForLoad}
   * @return the keys of {@code entries} the tier refused; the others it stored (or may have)
   */
  default Set<K> putAllLoaded(Map<? extends K, CacheEntry<V>> entries, Map<? extends K, ?> loads) {
    putAll(entries);
    return Set.of();
  }

  /**
   * Offers the values of a bulk load's keys that an invalidate dropped after its read here, and
   * returns the keys stored: as {@link #putFromDroppedLoad} for each key, in as few calls as the
   * tier can. The engine then calls {@link #loadsAbandoned} with the keys not stored. By default
   * nothing is stored.
   *
   * @param entries the entries of the dropped keys, by key; no key null
   * @param loads the load of each key of {@code entries} (and maybe of others), as passed to
   *     {@link #getAllForLoad}
   * @return the keys of {@code entries} stored
   */
  default Set<K> putAllFromDroppedLoads(Map<? extends K, CacheEntry<V>> entries,
      Map<? extends K, ?> loads) {
    return Set.of();
  }

  /**
   * Tells the tier that the loads of several keys, whose reads of this tier missed
   * ({@link #getAllForLoad}), end without writing it: as {@link #loadAbandoned} for each key with
   * its load, in as few calls as the tier can. By default one {@link #loadAbandoned} per key.
   *
   * @param loads the keys whose loads ended, none of them null, each with its load
   */
  default void loadsAbandoned(Map<? extends K, ?> loads) {
    loads.forEach(this::loadAbandoned);
  }

  /** Removes every entry of this tier's cache (and only that cache's). */
  void clear();

  /**
   * {@return the number of entries held, or empty when the tier cannot tell cheaply} Read by
   * {@link TieredCache#stats()}; empty by default. An exception thrown here reads as empty.
   */
  default OptionalLong size() {
    return OptionalLong.empty();
  }
}
