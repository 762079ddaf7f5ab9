package io.tiered.redis;

import io.tiered.runtime.CacheEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The writes of one cache's Redis tier with leases on: a load's value lands only while the lease
 * its load took (or adopted) still holds the key, by a compare-and-set ({@link Leases#fill}); a
 * put first takes the key's lease over whatever it holds, and its value lands only under it.
 * Every lease is taken back from its load when it writes or gives up, and so is the stamp of its
 * key's tags its read kept, in a tagged cache ({@link KeyTokens}): the value carries it, and a load
 * without one writes nothing.
 */
final class LeasedWrites<K, V> {
  private final KeyFormat<K> keys;
  private final PendingInvalidations pending;
  private final StoredEntries<V> stored;
  private final TimedCommands redis;
  private final Leases leases;
  private final Writes<K, V> writes;
  private final KeyTokens<K> tokens;

  LeasedWrites(KeyFormat<K> keys, PendingInvalidations pending, StoredEntries<V> stored,
      TimedCommands redis, Leases leases, Writes<K, V> writes, KeyTokens<K> tokens) {
    this.keys = keys;
    this.pending = pending;
    this.stored = stored;
    this.redis = redis;
    this.leases = leases;
    this.writes = writes;
    this.tokens = tokens;
  }

  /**
   * Writes the value only while the lease {@code load} took, or adopted when it gave up waiting,
   * still holds the key (an invalidate since the read removed it). A load that holds no lease
   * writes nothing: its read found a value it then did not use (one the engine would not trust,
   * as a dropped load's late write may be, or too old for a refresh), and an unconditional SET of
   * what it loaded could land after an invalidate it raced, keeping the older value in Redis for
   * every instance.
   */
  boolean putLoaded(K key, CacheEntry<V> entry, Object load) {
    if (stored.skipped()) {
      loadAbandoned(key, load);
      return true; // skipped, as put skips it
    }
    String encodedKey = keys.encode(key);
    String redisKey = keys.namespaced(encodedKey);
    Lease lease = leases.takeHeld(load, redisKey);
    byte[] stamp = tokens.take(load, redisKey);
    return lease == null || fillUnder(lease, key, encodedKey, entry, stamp);
  }

  /**
   * Writes each value as {@link #putLoaded} writes one, in one round trip: a pipeline of
   * compare-and-set scripts, one per key whose load holds its lease (taken or adopted), so that a
   * value lands only while nothing invalidated its key since the bulk load's read. A key whose
   * load holds no lease is not written; a key whose lease is gone is refused: returns those.
   */
  Set<K> putAllLoaded(Map<? extends K, CacheEntry<V>> entries, Map<? extends K, ?> loads) {
    Filled<K> filled = fillAllUnder(entries, loads);
    Set<K> refused = new HashSet<>(entries.keySet());
    refused.removeAll(filled.stored());
    refused.removeAll(filled.skipped());
    return refused;
  }

  /**
   * As {@link #putFromDroppedLoad} for each key, in one pipeline: a dropped key still fills while
   * its load's lease holds it.
   */
  Set<K> putAllFromDroppedLoads(Map<? extends K, CacheEntry<V>> entries,
      Map<? extends K, ?> loads) {
    return fillAllUnder(entries, loads).stored();
  }

  /**
   * Stores the value of a load an invalidate dropped while its lease still holds the key: the
   * lease was taken after the UNLINK of every invalidate since, so the value is not older than any
   * of them. The drop came from another instance's message, which can arrive after a load that
   * began after that instance's write; without this, the fresh value would be lost and every
   * instance waiting on the lease would call its origin for it again.
   */
  boolean putFromDroppedLoad(K key, CacheEntry<V> entry, Object load) {
    if (stored.skipped()) {
      return false;
    }
    String encodedKey = keys.encode(key);
    String redisKey = keys.namespaced(encodedKey);
    Lease lease = leases.takeHeld(load, redisKey);
    byte[] stamp = tokens.take(load, redisKey);
    return lease != null && fillUnder(lease, key, encodedKey, entry, stamp);
  }

  /**
   * Takes the key's lease for {@code put} over whatever it holds ({@link Leases#leaseForPut}): a
   * load that read before the put's write, or a put begun before this one, then fills nothing
   * after it. In a tagged cache, the key's stamp is read in the same round trip, for its value.
   */
  void beginPut(K key, Object put) {
    if (stored.skipped()) {
      return;
    }
    String redisKey = writes.writableKey(key, keys.encode(key));
    var stamps = tokens.tagged() ? tokens.send(List.of(key)) : null; // first: one round trip
    leases.leaseForPut(redis, redisKey, put);
    if (stamps != null) {
      try {
        tokens.keepFor(put, redisKey, tokens.stampOf(key, stamps.await()), true);
      } catch (RedisTierException unread) {
        loadAbandoned(key, put); // what the key held is put back: the put writes nothing here
        throw unread;
      }
    }
  }

  /**
   * Writes a put's value only while the lease {@link #beginPut} took still holds the key (refused
   * once another write removed or replaced it); whether it did, or had nothing to write.
   */
  boolean putWritten(K key, String encodedKey, CacheEntry<V> entry, Object put) {
    String redisKey = keys.namespaced(encodedKey);
    byte[] stamp = tokens.take(put, redisKey);
    if (stored.skipped()) {
      return true; // skipped, as put skips it
    }
    Lease lease = leases.takeHeld(put, redisKey);
    return lease != null && fillUnder(lease, key, encodedKey, entry, stamp);
  }

  /** Gives up the lease {@code load} holds on the key, if any, for others not to wait. */
  void loadAbandoned(K key, Object load) {
    String redisKey = keys.namespaced(keys.encode(key));
    tokens.take(load, redisKey);
    Lease lease = leases.takeHeld(load, redisKey);
    if (lease != null) {
      leases.abandon(redis, redisKey, lease);
    }
  }

  /** Gives up in one pipeline the leases the loads of {@code loads} hold, if any. */
  void loadsAbandoned(Map<? extends K, ?> loads) {
    List<Lease> held = new ArrayList<>();
    loads.forEach((key, load) -> {
      String redisKey = keys.namespaced(keys.encode(key));
      tokens.take(load, redisKey);
      Lease lease = leases.takeHeld(load, redisKey);
      if (lease != null) {
        held.add(lease);
      }
    });
    leases.abandonAll(redis, held);
  }

  /**
   * Writes {@code entry}, stamped with {@code stamp} in a tagged cache, while {@code lease} holds
   * the key; whether it did (or had nothing to). A tagged value without a stamp is refused.
   */
  private boolean fillUnder(Lease lease, K key, String encodedKey, CacheEntry<V> entry,
      byte @Nullable [] stamp) {
    long keepMillis = stored.keepMillis(entry);
    String redisKey = writes.writableKey(key, encodedKey);
    if (keepMillis == StoredEntries.PAST_KEEPING || !tokens.writable(stamp)) {
      leases.abandon(redis, redisKey, lease);
      return tokens.writable(stamp); // nothing to store, the lease still held; or refused
    }
    byte[] encoded = stored.encode(entry);
    if (!admitsAll(entry, encoded, List.of(lease))) {
      return true;
    }
    return leases.fill(redis, redisKey, lease.marker(), tokens.stored(stamp, encoded), keepMillis);
  }

  /**
   * What {@link #fillAllUnder} did with each key: stored it (or had nothing to store, the value
   * being past keeping), or skipped it (its load held no lease, or this cache skips Redis); it
   * refused the others.
   */
  private record Filled<K>(Set<K> stored, Set<K> skipped) {}

  /**
   * Writes the entries whose load holds its key's lease, each while its key still holds that
   * lease, in one pipeline. Every lease is taken back from its load, and one that is not filled
   * is given up.
   */
  private Filled<K> fillAllUnder(Map<? extends K, CacheEntry<V>> entries,
      Map<? extends K, ?> loads) {
    Filled<K> filled = new Filled<>(new HashSet<>(), new HashSet<>());
    List<Lease> leased = new ArrayList<>(entries.size());
    List<K> leasedKeys = new ArrayList<>(entries.size());
    List<byte @Nullable []> stamps = new ArrayList<>(entries.size());
    for (Map.Entry<? extends K, CacheEntry<V>> entry : entries.entrySet()) {
      Object load = loads.get(entry.getKey());
      String redisKey = keys.namespaced(keys.encode(entry.getKey()));
      byte[] stamp = load == null ? null : tokens.take(load, redisKey);
      Lease lease = load == null ? null : leases.takeHeld(load, redisKey);
      if (lease == null) {
        filled.skipped().add(entry.getKey()); // no lease, no write: see putLoaded
      } else {
        leased.add(lease);
        leasedKeys.add(entry.getKey());
        stamps.add(stamp);
      }
    }
    if (leased.isEmpty()) {
      return filled;
    }
    if (stored.skipped()) {
      leases.abandonAll(redis, leased);
      filled.skipped().addAll(leasedKeys);
      return filled;
    }
    return fillLeased(entries, leased, leasedKeys, stamps, filled);
  }

  /** The second half of {@link #fillAllUnder}: the keys whose lease their load held. */
  private Filled<K> fillLeased(Map<? extends K, CacheEntry<V>> entries, List<Lease> leased,
      List<K> leasedKeys, List<byte @Nullable []> stamps, Filled<K> filled) {
    List<Lease> abandoned = new ArrayList<>();
    List<Lease> filling = new ArrayList<>(leased.size());
    List<byte[]> values = new ArrayList<>(leased.size());
    List<Long> pxMillis = new ArrayList<>(leased.size());
    List<K> filledKeys = new ArrayList<>(leased.size());
    for (int i = 0; i < leased.size(); i++) {
      K key = leasedKeys.get(i);
      Lease lease = leased.get(i);
      CacheEntry<V> entry = entries.get(key);
      if (pending.covers(keys.encode(key)) || tokens.pending(key)
          || !tokens.writable(stamps.get(i))) {
        // Invalidated since the read, and Redis missed it; or a tagged value with no stamp from
        // its load's start: refused
        abandoned.add(lease);
        continue;
      }
      long keepMillis = stored.keepMillis(entry);
      if (keepMillis == StoredEntries.PAST_KEEPING) {
        abandoned.add(lease);
        filled.stored().add(key); // nothing to store; the lease still held
        continue;
      }
      byte[] encoded = stored.encode(entry);
      if (!admitsAll(entry, encoded, leased)) {
        filled.skipped().addAll(leasedKeys);
        return filled;
      }
      filling.add(lease);
      values.add(tokens.stored(stamps.get(i), encoded));
      pxMillis.add(keepMillis);
      filledKeys.add(key);
    }
    try {
      if (!filling.isEmpty()) {
        boolean[] wrote = leases.fillAll(redis, filling, values, pxMillis);
        for (int i = 0; i < wrote.length; i++) {
          if (wrote[i]) {
            filled.stored().add(filledKeys.get(i));
          }
        }
      }
    } finally {
      if (!abandoned.isEmpty()) {
        leases.abandonAll(redis, abandoned);
      }
    }
    return filled;
  }

  /**
   * As {@link CodecProbe#admits}; when it does not admit a value, every lease of {@code leased} is
   * given up, as this cache now skips Redis.
   */
  private boolean admitsAll(CacheEntry<V> entry, byte[] encoded, List<Lease> leased) {
    try {
      if (stored.admits(entry, encoded)) {
        return true;
      }
    } catch (RuntimeException unreadable) {
      try {
        leases.abandonAll(redis, leased);
      } catch (RuntimeException notAbandoned) {
        unreadable.addSuppressed(notAbandoned);
      }
      throw unreadable;
    }
    leases.abandonAll(redis, leased);
    return false;
  }
}
