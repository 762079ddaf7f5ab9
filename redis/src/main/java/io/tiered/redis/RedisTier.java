package io.tiered.redis;

import io.tiered.runtime.CacheEntry;
import io.tiered.runtime.CacheTier;
import io.tiered.runtime.TierSpec;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The entries of one cache in Redis: the {@link CacheTier} over its parts. {@link Reads} and
 * {@link BulkReads} read ({@code GET}, {@code MGET}, reads under leases), {@link Writes} and,
 * with leases, {@link LeasedWrites} write, {@link Invalidations} invalidates and hears other
 * instances' invalidations; {@link StoredEntries} encodes and decodes what they store;
 * {@link Leases} is the cross-instance single flight. All share one
 * {@link PendingInvalidations}: the keys Redis may still hold an invalidated value for, neither
 * read nor written until replayed; and, in a tagged cache, one {@link KeyTokens}: the tokens of
 * each key's tags, read with the key, and the stamp each load or put read as it began, which its
 * value carries.
 */
final class RedisTier<K, V> implements CacheTier<K, V> {
  private final TierSpec<K, V> spec;
  private final KeyFormat<K> keys;
  private final Reads<K, V> reads;
  private final BulkReads<K, V> bulkReads;
  private final Writes<K, V> writes;
  /** Writes under leases; null when leases are off. */
  private final @Nullable LeasedWrites<K, V> leasedWrites;
  private final Invalidations<K> invalidations;
  private final KeyTokens<K> tokens;

  RedisTier(TierSpec<K, V> spec, KeyFormat<K> keys, Codec.Typed<V> codec, TimedCommands redis,
      InvalidationBus bus, @Nullable Leases leases, TagTokens tagTokens) {
    this.spec = spec;
    this.keys = keys;
    PendingInvalidations pending = new PendingInvalidations();
    StoredEntries<V> stored = new StoredEntries<>(spec, codec, redis);
    this.tokens = new KeyTokens<>(spec.tags(), tagTokens, redis);
    this.reads = new Reads<>(keys, pending, stored, tokens, redis, leases);
    this.bulkReads = new BulkReads<>(keys, pending, stored, tokens, redis, leases);
    this.writes = new Writes<>(keys, pending, stored, tokens, redis);
    this.leasedWrites = leases == null
        ? null
        : new LeasedWrites<>(keys, pending, stored, redis, leases, writes, tokens);
    this.invalidations = new Invalidations<>(spec, keys, redis, bus, pending);
  }

  /** The tag tokens of this cache's keys, and the stamps its loads keep. */
  KeyTokens<K> tokens() {
    return tokens;
  }

  /** What the {@link InvalidationBus} relays this tier's invalidations through. */
  Invalidations<K> invalidations() {
    return invalidations;
  }

  @Override
  public @Nullable CacheEntry<V> get(K key) {
    return reads.read(key, null);
  }

  /** As {@link #get}; with leases, a miss takes the key's lease for {@code load}. */
  @Override
  public @Nullable CacheEntry<V> getForLoad(K key, Object load) {
    return reads.read(key, load);
  }

  /** See {@link BulkReads#getAll}. */
  @Override
  public Map<K, CacheEntry<V>> getAll(Collection<? extends K> batch) {
    return bulkReads.getAll(batch);
  }

  /** See {@link BulkReads#getAllForLoad}. */
  @Override
  public Map<K, CacheEntry<V>> getAllForLoad(Map<? extends K, ?> loads) {
    return bulkReads.getAllForLoad(loads);
  }

  /** See {@link Writes#put}. */
  @Override
  public void put(K key, CacheEntry<V> entry) {
    writes.put(key, entry);
  }

  /** See {@link Writes#putAll}. */
  @Override
  public void putAll(Map<? extends K, CacheEntry<V>> entries) {
    writes.putAll(entries);
  }

  /**
   * With leases, see {@link LeasedWrites#putLoaded}; without, as {@link #put}, stamped in a tagged
   * cache with the tokens the load's read kept (none kept: nothing written).
   */
  @Override
  public boolean putLoaded(K key, CacheEntry<V> entry, Object load) {
    if (leasedWrites != null) {
      return leasedWrites.putLoaded(key, entry, load);
    }
    if (!tokens.tagged()) {
      put(key, entry);
    } else {
      String encodedKey = keys.encode(key);
      writes.putStamped(key, encodedKey, entry, tokens.take(load, keys.namespaced(encodedKey)));
    }
    return true;
  }

  /**
   * With leases, see {@link LeasedWrites#putAllLoaded}; without, as {@link #putAll}, each value
   * stamped as {@link #putLoaded} stamps one.
   */
  @Override
  public Set<K> putAllLoaded(Map<? extends K, CacheEntry<V>> entries, Map<? extends K, ?> loads) {
    if (leasedWrites != null) {
      return leasedWrites.putAllLoaded(entries, loads);
    }
    if (!tokens.tagged()) {
      putAll(entries);
    } else {
      writes.putAll(entries, (key, redisKey) -> {
        Object load = loads.get(key);
        return load == null ? null : tokens.take(load, redisKey);
      });
    }
    return Set.of();
  }

  /**
   * With leases, see {@link LeasedWrites#putAllFromDroppedLoads}; without, nothing is stored.
   */
  @Override
  public Set<K> putAllFromDroppedLoads(Map<? extends K, CacheEntry<V>> entries,
      Map<? extends K, ?> loads) {
    return leasedWrites == null ? Set.of() : leasedWrites.putAllFromDroppedLoads(entries, loads);
  }

  /**
   * With leases, gives up the leases the loads of {@code loads} hold, if any; forgets the stamps
   * they kept.
   */
  @Override
  public void loadsAbandoned(Map<? extends K, ?> loads) {
    if (leasedWrites != null) {
      leasedWrites.loadsAbandoned(loads);
    } else if (tokens.tagged()) {
      loads.forEach((key, load) -> tokens.take(load, keys.namespaced(keys.encode(key))));
    }
  }

  /** With leases: a load writes only under its lease (see {@link LeasedWrites#putLoaded}). */
  @Override
  public boolean fencesLoadWrites() {
    return leasedWrites != null;
  }

  /** With leases, see {@link LeasedWrites#putFromDroppedLoad}; without, nothing is stored. */
  @Override
  public boolean putFromDroppedLoad(K key, CacheEntry<V> entry, Object load) {
    return leasedWrites != null && leasedWrites.putFromDroppedLoad(key, entry, load);
  }

  /**
   * With leases, see {@link LeasedWrites#beginPut}; without, in a tagged cache, keeps the key's
   * stamp now for the put's value; else nothing.
   */
  @Override
  public void beginPut(K key, Object put) {
    if (leasedWrites != null) {
      leasedWrites.beginPut(key, put);
    } else if (tokens.tagged()) {
      String encodedKey = keys.encode(key);
      String redisKey = writes.writableKey(key, encodedKey);
      tokens.keepFor(put, redisKey, tokens.read(key), true);
    }
  }

  /**
   * Writes a put's value, with leases only while the lease {@link #beginPut} took still holds the
   * key (refused once another write removed or replaced it), then tells the other instances and
   * the sibling tiers to drop their copies: a message as an invalidate's, without the UNLINK, so
   * that they read the new value back from here. Without leases, a plain SET. In a tagged cache,
   * the value is stamped with the tokens {@link #beginPut} read; refused without them.
   */
  @Override
  public boolean putWritten(K key, CacheEntry<V> entry, Object put) {
    String encodedKey = keys.encode(key);
    if (leasedWrites == null) {
      byte[] stamp = tokens.take(put, keys.namespaced(encodedKey));
      if (!tokens.writable(stamp)) {
        return false;
      }
      writes.putStamped(key, encodedKey, entry, stamp);
    } else if (!leasedWrites.putWritten(key, encodedKey, entry, put)) {
      return false;
    }
    invalidations.announce(encodedKey);
    return true;
  }

  /**
   * Gives up the lease {@code load} holds on the key, if any, for others not to wait; forgets the
   * stamp it kept.
   */
  @Override
  public void loadAbandoned(K key, Object load) {
    if (leasedWrites != null) {
      leasedWrites.loadAbandoned(key, load);
    } else if (tokens.tagged()) {
      tokens.take(load, keys.namespaced(keys.encode(key)));
    }
  }

  /**
   * With leases, nothing: a load's write landed only under its lease, which any invalidate since
   * its read would have removed, so what it stored is not older than an invalidate; removing it
   * would remove, and tell every instance to drop, the value the fleet now shares. Without
   * leases, its plain SET may have landed after the invalidate: the key is invalidated.
   */
  @Override
  public void takeBack(K key, Object load) {
    if (leasedWrites == null) {
      invalidate(key);
    }
  }

  @Override
  public void invalidate(K key) {
    invalidateAll(List.of(key));
  }

  /** See {@link Invalidations#invalidateAll}. */
  @Override
  public void invalidateAll(Iterable<? extends K> batch) {
    invalidations.invalidateAll(batch);
  }

  /** See {@link Invalidations#clear}. */
  @Override
  public void clear() {
    invalidations.clear();
  }

  @Override
  public String toString() {
    return "RedisTier[" + spec.cacheName() + "]";
  }
}
