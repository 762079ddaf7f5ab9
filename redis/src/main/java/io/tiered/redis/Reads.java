package io.tiered.redis;

import io.lettuce.core.KeyValue;
import io.tiered.runtime.CacheEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The reads of one cache's Redis tier: {@code GET} and {@code MGET}, or, with leases, reads that
 * take the lease of a key they miss. A key whose invalidation Redis missed
 * ({@link PendingInvalidations}) is never read: Redis may still hold the value it was to remove.
 */
final class Reads<K, V> {
  private static final System.Logger LOG = System.getLogger(Reads.class.getName());
  /** A leased read that lost the race for a stale value's lease reads once more, no more. */
  private static final int LAST_ATTEMPT = 1;

  private final KeyFormat<K> keys;
  private final PendingInvalidations pending;
  private final StoredEntries<V> entries;
  private final TimedCommands redis;
  /** Cross-instance single flight; null when leases are off. */
  private final @Nullable Leases leases;
  private final @Nullable BulkLeases bulkLeases;

  Reads(KeyFormat<K> keys, PendingInvalidations pending, StoredEntries<V> entries,
      TimedCommands redis, @Nullable Leases leases) {
    this.keys = keys;
    this.pending = pending;
    this.entries = entries;
    this.redis = redis;
    this.leases = leases;
    this.bulkLeases = leases == null ? null : new BulkLeases(leases);
  }

  /** The entry of {@code key}; with leases and a {@code load}, a miss takes the key's lease. */
  @Nullable CacheEntry<V> read(K key, @Nullable Object load) {
    if (entries.skipped()) {
      return null; // Redis cannot hold this cache's values: no round trip for a miss
    }
    String encodedKey = keys.encode(key);
    if (pending.covers(encodedKey)) {
      return null; // Redis may still hold the value an invalidation that failed was to remove
    }
    String redisKey = keys.namespaced(encodedKey);
    if (leases != null && load != null) {
      return readLeased(leases, redisKey, load);
    }
    byte[] stored = redis.run("GET", redisKey, commands -> commands.get(redisKey));
    if (stored == null || LeaseMarkers.isLease(stored)) {
      return null; // a lease is another instance's load, not a value
    }
    return entries.decode(redisKey, stored);
  }

  /**
   * Reads {@code redisKey} under leases, for {@code load}. A value past its ttl, kept for
   * stale-if-error, is a miss like an empty key: its lease is taken over it, so that one instance
   * of the fleet reloads it while the others wait for the fill. When the key changed between the
   * read and the lease (another instance took it first), it is read once more. An instance that
   * stops waiting gets the stale value the lease carries, so that stale-if-error can still serve
   * it.
   */
  private @Nullable CacheEntry<V> readLeased(Leases leases, String redisKey, Object load) {
    for (int attempt = 0; ; attempt++) {
      Leases.Read read = leases.readOrLease(redis, redisKey, load);
      byte[] stored = read.value();
      if (stored == null) {
        return null; // this instance holds the lease, or stopped waiting for another's
      }
      CacheEntry<V> entry;
      try {
        entry = entries.decode(redisKey, stored);
      } catch (CorruptEntryException corrupt) {
        if (!read.underLease()) {
          // Deleted: the load goes on to the origin, under a lease of its own, or it could not
          // store what it loads (see LeasedWrites.putLoaded).
          leases.readOrLease(redis, redisKey, load);
        }
        throw corrupt;
      }
      if (read.underLease()) {
        return entry; // stale, carried by the lease this instance now loads under
      }
      long staleMillis = entries.keptStaleMillis(entry);
      if (staleMillis <= 0 || attempt == LAST_ATTEMPT
          || leases.leaseOver(redis, redisKey, stored, staleMillis, load)) {
        return entry;
      }
    }
  }

  /**
   * The keys of a batch that may be read, each with its Redis key and its load (null without):
   * not those whose invalidation Redis missed, for it may still hold what that was to remove.
   */
  private record Batch<K>(List<K> keys, List<String> redisKeys, List<@Nullable Object> loads) {
    /** The keys at {@code indexes}. */
    Batch<K> only(List<Integer> indexes) {
      return new Batch<>(indexes.stream().map(keys::get).toList(),
          indexes.stream().map(redisKeys::get).toList(),
          indexes.stream().map(loads::get).toList());
    }
  }

  private Batch<K> readable(Collection<? extends K> batch, Function<? super K, ?> loadOf) {
    Batch<K> readable = new Batch<>(new ArrayList<>(batch.size()), new ArrayList<>(batch.size()),
        new ArrayList<>(batch.size()));
    for (K key : batch) {
      String encodedKey = keys.encode(key);
      if (!pending.covers(encodedKey)) {
        readable.keys().add(key);
        readable.redisKeys().add(keys.namespaced(encodedKey));
        readable.loads().add(loadOf.apply(key));
      }
    }
    return readable;
  }

  /**
   * One {@code MGET} of every key (on a Redis Cluster connection, Lettuce splits it by slot). A
   * key whose invalidation Redis missed reads as a miss, as in {@link #read}; so does an entry that
   * cannot be decoded, which is deleted (logged: one bad entry must not fail the other keys).
   */
  Map<K, CacheEntry<V>> getAll(Collection<? extends K> keysToRead) {
    if (entries.skipped()) {
      return Map.of();
    }
    Batch<K> batch = readable(keysToRead, key -> null);
    if (batch.keys().isEmpty()) {
      return Map.of();
    }
    String[] keyArray = batch.redisKeys().toArray(String[]::new);
    List<KeyValue<String, byte[]>> stored =
        redis.run("MGET", keyArray.length + " keys", commands -> commands.mget(keyArray));
    Map<K, CacheEntry<V>> found = new HashMap<>();
    for (int i = 0; i < stored.size(); i++) { // MGET answers in the order asked
      KeyValue<String, byte[]> value = stored.get(i);
      if (value.hasValue() && !LeaseMarkers.isLease(value.getValue())) { // a lease: another's load
        CacheEntry<V> entry = entries.decodeInBatch(keyArray[i], value.getValue());
        if (entry != null) {
          found.put(batch.keys().get(i), entry);
        }
      }
    }
    return found;
  }

  /**
   * With leases, reads the keys of a bulk load as {@link #read} reads one, in one round trip: a
   * pipeline of {@code SET NX PX GET}, one per key (see {@link BulkLeases#readOrLeaseAll}). A key
   * that holds a value is a hit; an empty one is leased for its load; keys another instance holds
   * the lease of are polled together until their values land or {@code maxWait} passes, and then
   * loaded under the lease waited on. A value past its ttl but kept for stale-if-error is leased
   * over, as for one key. Without leases, as {@link #getAll}: one {@code MGET}.
   */
  Map<K, CacheEntry<V>> getAllForLoad(Map<? extends K, ?> loads) {
    if (leases == null || bulkLeases == null) {
      return getAll(loads.keySet());
    }
    if (entries.skipped()) {
      return Map.of();
    }
    Batch<K> batch = readable(loads.keySet(), loads::get);
    Map<K, CacheEntry<V>> found = new HashMap<>();
    List<Integer> corrupt = leasedValues(leases, batch,
        bulkLeases.readOrLeaseAll(redis, batch.redisKeys(), batch.loads()), found);
    if (!corrupt.isEmpty()) {
      // Deleted: their loads go on to the origin, under leases of their own, or they could not
      // store what they load (see LeasedWrites.putAllLoaded).
      Batch<K> again = batch.only(corrupt);
      leasedValues(leases, again,
          bulkLeases.readOrLeaseAll(redis, again.redisKeys(), again.loads()), found);
    }
    return found;
  }

  /**
   * Decodes what {@link BulkLeases#readOrLeaseAll} read into {@code found}; returns the indexes of
   * the entries that could not be decoded (deleted, and logged: one bad entry must not fail the
   * other keys).
   */
  private List<Integer> leasedValues(Leases leases, Batch<K> batch, Leases.Read[] reads,
      Map<K, CacheEntry<V>> found) {
    List<Integer> corrupt = new ArrayList<>();
    for (int i = 0; i < reads.length; i++) {
      byte[] stored = reads[i].value();
      if (stored == null) {
        continue; // this instance holds the lease, or stopped waiting for another's
      }
      String redisKey = batch.redisKeys().get(i);
      CacheEntry<V> entry = entries.decodeInBatch(redisKey, stored);
      if (entry == null) {
        if (!reads[i].underLease()) {
          corrupt.add(i);
        }
        continue;
      }
      found.put(batch.keys().get(i), entry);
      long staleMillis = reads[i].underLease() ? 0 : entries.keptStaleMillis(entry);
      if (staleMillis > 0) {
        try { // one instance of the fleet reloads it; if the key changed, a miss without lease
          leases.leaseOver(redis, redisKey, stored, staleMillis, batch.loads().get(i));
        } catch (RedisTierException notLeased) {
          LOG.log(System.Logger.Level.DEBUG, notLeased.getMessage(), notLeased);
        }
      }
    }
    return corrupt;
  }
}
