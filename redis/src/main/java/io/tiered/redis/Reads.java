package io.tiered.redis;

import io.lettuce.core.KeyValue;
import io.tiered.runtime.CacheEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The reads of one cache's Redis tier: {@code GET} and {@code MGET}, or, with leases, reads that
 * take the lease of a key they miss. A key whose invalidation Redis missed
 * ({@link PendingInvalidations}), or one of whose tags' did, is never read: Redis may still hold
 * the value it was to remove. In a tagged cache, the tokens of the keys' tags are read in the
 * same round trip, and a value not stamped with them is not served ({@link KeyTokens}).
 */
final class Reads<K, V> {
  private static final System.Logger LOG = System.getLogger(Reads.class.getName());
  /** A leased read that lost the race for a stale value's lease reads once more, no more. */
  private static final int LAST_ATTEMPT = 1;

  private final KeyFormat<K> keys;
  private final PendingInvalidations pending;
  private final StoredEntries<V> entries;
  private final KeyTokens<K> tokens;
  private final TimedCommands redis;
  /** Cross-instance single flight; null when leases are off. */
  private final @Nullable Leases leases;
  private final @Nullable BulkLeases bulkLeases;

  Reads(KeyFormat<K> keys, PendingInvalidations pending, StoredEntries<V> entries,
      KeyTokens<K> tokens, TimedCommands redis, @Nullable Leases leases) {
    this.keys = keys;
    this.pending = pending;
    this.entries = entries;
    this.tokens = tokens;
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
    if (pending.covers(encodedKey) || tokens.pending(key)) {
      return null; // Redis may still hold the value an invalidation that failed was to remove
    }
    String redisKey = keys.namespaced(encodedKey);
    var stamps = tokens.tagged() ? tokens.send(List.of(key)) : null; // first: one round trip
    if (leases != null && load != null) {
      return readLeased(leases, key, redisKey, load, stamps);
    }
    byte[] stored = redis.run("GET", redisKey, commands -> commands.get(redisKey));
    byte[] stamp = stamps == null ? null : tokens.stampOf(key, stamps.await());
    if (stored == null || LeaseMarkers.isLease(stored) // a lease: another instance's load
        || !tokens.serves(stored, stamp)) {
      keepForLoad(load, redisKey, stamp, null);
      return null;
    }
    return decodeForLoad(load, redisKey, stamp, false, () -> entries.decode(redisKey, stored));
  }

  /**
   * The entry {@code decode} reads, keeping the stamp for {@code load} as {@link #keepForLoad}
   * says, or whatever it read when the load {@code goesOn} (it holds a lease); kept too when it
   * cannot be decoded: the load goes on to the origin, and writes.
   */
  private CacheEntry<V> decodeForLoad(@Nullable Object load, String redisKey,
      byte @Nullable [] stamp, boolean goesOn, Supplier<CacheEntry<V>> decode) {
    CacheEntry<V> entry;
    try {
      entry = decode.get();
    } catch (CorruptEntryException corrupt) {
      keepForLoad(load, redisKey, stamp, null);
      throw corrupt;
    }
    keepForLoad(load, redisKey, stamp, goesOn ? null : entry);
    return entry;
  }

  /**
   * Keeps the stamp read for {@code load}, which goes on to the origin when it read no entry, or
   * an expired one, and then writes with it (or gives up); a load served {@code entry} ends here.
   */
  private void keepForLoad(@Nullable Object load, String redisKey, byte @Nullable [] stamp,
      @Nullable CacheEntry<V> entry) {
    if (load != null && (entry == null || entries.expired(entry))) {
      tokens.keep(load, redisKey, stamp);
    }
  }

  /**
   * Reads {@code redisKey} under leases, for {@code load}. A value past its ttl, kept for
   * stale-if-error, is a miss like an empty key: its lease is taken over it, so that one instance
   * of the fleet reloads it while the others wait for the fill; so is a value no instance may
   * serve (a tag of it was invalidated), which the lease replaces. When the key changed between
   * the read and the lease (another instance took it first), it is read once more. An instance
   * that stops waiting gets the stale value the lease carries, so that stale-if-error can still
   * serve it.
   */
  private @Nullable CacheEntry<V> readLeased(Leases leases, K key, String redisKey, Object load,
      TimedCommands.@Nullable Sent<Map<String, byte[]>> stamps) {
    Leases.Read read = leases.readOrLease(redis, redisKey, load);
    byte[] stamp = stamps == null ? null : stampOrGiveUp(leases, key, redisKey, load, stamps);
    for (int attempt = 0; ; attempt++) {
      if (attempt > 0) {
        read = leases.readOrLease(redis, redisKey, load);
      }
      byte[] stored = read.value();
      if (stored == null) {
        keepForLoad(load, redisKey, stamp, null);
        return null; // this instance holds the lease, or stopped waiting for another's
      }
      if (!tokens.serves(stored, stamp)) {
        if (read.underLease() || attempt == LAST_ATTEMPT
            || leases.leaseOverUnserved(redis, redisKey, stored, load)) {
          keepForLoad(load, redisKey, stamp, null);
          return null;
        }
        continue;
      }
      Leases.Read found = read;
      CacheEntry<V> entry = decodeForLoad(load, redisKey, stamp, found.underLease(),
          () -> decodeLeased(leases, redisKey, load, found));
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
   * The stamp {@code stamps} brought; when its tokens could not be read, gives up the lease the
   * read may have taken for {@code load} (so that others need not wait for it) and throws.
   */
  private byte @Nullable [] stampOrGiveUp(Leases leases, K key, String redisKey, Object load,
      TimedCommands.Sent<Map<String, byte[]>> stamps) {
    try {
      return tokens.stampOf(key, stamps.await());
    } catch (RedisTierException unread) {
      Lease lease = leases.takeHeld(load, redisKey);
      if (lease != null) {
        giveUp(leases, List.of(lease), unread);
      }
      throw unread;
    }
  }

  private void giveUp(Leases leases, List<Lease> held, RuntimeException failure) {
    try {
      leases.abandonAll(redis, held);
    } catch (RuntimeException notGivenUp) {
      failure.addSuppressed(notGivenUp);
    }
  }

  /** The entry a leased read found; when it cannot be decoded, see {@link #readLeased}. */
  private CacheEntry<V> decodeLeased(Leases leases, String redisKey, Object load,
      Leases.Read read) {
    try {
      return entries.decode(redisKey, read.value());
    } catch (CorruptEntryException corrupt) {
      if (!read.underLease()) {
        // Deleted: the load goes on to the origin, under a lease of its own, or it could not
        // store what it loads (see LeasedWrites.putLoaded).
        leases.readOrLease(redis, redisKey, load);
      }
      throw corrupt;
    }
  }

  /**
   * The keys of a batch that may be read, each with its Redis key and its load (null without):
   * not those whose invalidation (or a tag's) Redis missed, for it may still hold what that was to
   * remove.
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
      if (!pending.covers(encodedKey) && !tokens.pending(key)) {
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
    return mget(readable(keysToRead, key -> null));
  }

  /** As {@link #getAll}, keeping each key's stamp for its load, if any. */
  private Map<K, CacheEntry<V>> mget(Batch<K> batch) {
    if (batch.keys().isEmpty()) {
      return Map.of();
    }
    var stamps = tokens.send(batch.keys()); // first: one round trip
    String[] keyArray = batch.redisKeys().toArray(String[]::new);
    List<KeyValue<String, byte[]>> stored =
        redis.run("MGET", keyArray.length + " keys", commands -> commands.mget(keyArray));
    IntFunction<byte[]> stampAt = stampsOf(batch, stamps);
    Map<K, CacheEntry<V>> found = new HashMap<>();
    for (int i = 0; i < stored.size(); i++) { // MGET answers in the order asked
      KeyValue<String, byte[]> value = stored.get(i);
      byte[] stamp = stampAt.apply(i);
      CacheEntry<V> entry = null;
      if (value.hasValue() && !LeaseMarkers.isLease(value.getValue()) // a lease: another's load
          && tokens.serves(value.getValue(), stamp)) {
        entry = entries.decodeInBatch(keyArray[i], value.getValue());
      }
      if (entry != null) {
        found.put(batch.keys().get(i), entry);
      }
      keepForLoad(batch.loads().get(i), keyArray[i], stamp, entry);
    }
    return found;
  }

  /** Each key's stamp, by index in {@code batch}, from what {@code stamps} brought (if any). */
  private IntFunction<byte[]> stampsOf(Batch<K> batch,
      TimedCommands.@Nullable Sent<Map<String, byte[]>> stamps) {
    if (stamps == null) {
      return i -> null;
    }
    Map<String, byte[]> byTag = stamps.await();
    byte[][] byIndex = new byte[batch.keys().size()][];
    for (int i = 0; i < byIndex.length; i++) {
      byIndex[i] = tokens.stampOf(batch.keys().get(i), byTag);
    }
    return i -> byIndex[i];
  }

  /**
   * With leases, reads the keys of a bulk load as {@link #read} reads one, in one round trip: a
   * pipeline of {@code SET NX PX GET}, one per key (see {@link BulkLeases#readOrLeaseAll}). A key
   * that holds a value is a hit; an empty one is leased for its load; keys another instance holds
   * the lease of are polled together until their values land or {@code maxWait} passes, and then
   * loaded under the lease waited on. A value past its ttl but kept for stale-if-error is leased
   * over, as for one key, and so is one no instance may serve. Without leases, as
   * {@link #getAll}: one {@code MGET}.
   */
  Map<K, CacheEntry<V>> getAllForLoad(Map<? extends K, ?> loads) {
    if (entries.skipped()) {
      return Map.of();
    }
    Batch<K> batch = readable(loads.keySet(), loads::get);
    if (leases == null || bulkLeases == null) {
      return mget(batch);
    }
    if (batch.keys().isEmpty()) {
      return Map.of();
    }
    var sentStamps = tokens.send(batch.keys()); // first: one round trip
    Leases.Read[] reads = bulkLeases.readOrLeaseAll(redis, batch.redisKeys(), batch.loads());
    IntFunction<byte[]> stamps = stampsOrGiveUp(leases, batch, sentStamps);
    Map<K, CacheEntry<V>> found = new HashMap<>();
    List<Integer> corrupt = leasedValues(leases, batch, reads, stamps, found);
    if (!corrupt.isEmpty()) {
      // Deleted: their loads go on to the origin, under leases of their own, or they could not
      // store what they load (see LeasedWrites.putAllLoaded).
      Batch<K> again = batch.only(corrupt);
      leasedValues(leases, again,
          bulkLeases.readOrLeaseAll(redis, again.redisKeys(), again.loads()),
          i -> stamps.apply(corrupt.get(i)), found);
    }
    return found;
  }

  /** As {@link #stampOrGiveUp}, for a batch: every lease its read took is given up on failure. */
  private IntFunction<byte[]> stampsOrGiveUp(Leases leases, Batch<K> batch,
      TimedCommands.@Nullable Sent<Map<String, byte[]>> stamps) {
    try {
      return stampsOf(batch, stamps);
    } catch (RedisTierException unread) {
      List<Lease> held = new ArrayList<>();
      for (int i = 0; i < batch.keys().size(); i++) {
        Object load = batch.loads().get(i);
        Lease lease = load == null ? null : leases.takeHeld(load, batch.redisKeys().get(i));
        if (lease != null) {
          held.add(lease);
        }
      }
      giveUp(leases, held, unread);
      throw unread;
    }
  }

  /**
   * Decodes what {@link BulkLeases#readOrLeaseAll} read into {@code found}; returns the indexes of
   * the entries that could not be decoded (deleted, and logged: one bad entry must not fail the
   * other keys).
   */
  private List<Integer> leasedValues(Leases leases, Batch<K> batch, Leases.Read[] reads,
      IntFunction<byte[]> stamps, Map<K, CacheEntry<V>> found) {
    List<Integer> corrupt = new ArrayList<>();
    for (int i = 0; i < reads.length; i++) {
      byte[] stored = reads[i].value();
      String redisKey = batch.redisKeys().get(i);
      Object load = batch.loads().get(i);
      byte[] stamp = stamps.apply(i);
      if (stored == null || !tokens.serves(stored, stamp)) {
        if (stored != null && !reads[i].underLease()) {
          leaseOver(() -> leases.leaseOverUnserved(redis, redisKey, stored, load));
        }
        keepForLoad(load, redisKey, stamp, null);
        continue; // leased by this load (taken, adopted, or over what may not be served)
      }
      CacheEntry<V> entry = entries.decodeInBatch(redisKey, stored);
      if (entry == null) {
        if (!reads[i].underLease()) {
          corrupt.add(i);
        }
        continue;
      }
      found.put(batch.keys().get(i), entry);
      keepForLoad(load, redisKey, stamp, reads[i].underLease() ? null : entry);
      long staleMillis = reads[i].underLease() ? 0 : entries.keptStaleMillis(entry);
      if (staleMillis > 0) {
        leaseOver(() -> leases.leaseOver(redis, redisKey, stored, staleMillis, load));
      }
    }
    return corrupt;
  }

  /**
   * Takes a lease over a value read, so that one instance of the fleet reloads it; if the key
   * changed, the load goes on without a lease.
   */
  private static void leaseOver(java.util.function.BooleanSupplier take) {
    try {
      take.getAsBoolean();
    } catch (RedisTierException notLeased) {
      LOG.log(System.Logger.Level.DEBUG, notLeased.getMessage(), notLeased);
    }
  }
}
