package io.tiered.redis;

import io.lettuce.core.KeyValue;
import io.tiered.runtime.CacheEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * The bulk reads of one cache's Redis tier ({@code @Bulk}): one {@code MGET}, and, with leases, a
 * pipeline that leases the keys it missed, as {@link Reads} reads one. Keys
 * whose invalidation (or a tag's) Redis missed are not read; in a tagged cache the tokens of every
 * distinct tag of the keys are read in the same round trip, and a value not stamped with them is
 * not served ({@link KeyTokens}).
 */
final class BulkReads<K, V> {
  private static final System.Logger LOG = System.getLogger(BulkReads.class.getName());

  private final KeyFormat<K> keys;
  private final PendingInvalidations pending;
  private final StoredEntries<V> entries;
  private final KeyTokens<K> tokens;
  private final TimedCommands redis;
  /** Cross-instance single flight; null when leases are off. */
  private final @Nullable Leases leases;
  private final @Nullable BulkLeases bulkLeases;

  BulkReads(KeyFormat<K> keys, PendingInvalidations pending, StoredEntries<V> entries,
      KeyTokens<K> tokens, TimedCommands redis, @Nullable Leases leases) {
    this.keys = keys;
    this.pending = pending;
    this.entries = entries;
    this.tokens = tokens;
    this.redis = redis;
    this.leases = leases;
    this.bulkLeases = leases == null ? null : new BulkLeases(leases);
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
   * key whose invalidation Redis missed reads as a miss, as in {@link Reads#read}; so does an
   * entry that cannot be decoded, which is deleted (logged: one bad entry must not fail the other
   * keys).
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
      tokens.keepFor(batch.loads().get(i), keyArray[i], stamp, entries.loadGoesOn(entry));
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
   * With leases, reads the keys of a bulk load as {@link Reads#read} reads one: one {@code MGET},
   * then, for the keys Redis lacks only, a pipeline of {@code SET NX PX GET} (see
   * {@link BulkLeases#readThenLeaseMissing}). A key that holds a value is a hit; an empty one is
   * leased for its load; keys another instance holds the lease of are polled together until their values
   * land or {@code maxWait} passes, and then loaded under the lease waited on. A value past its
   * ttl but kept for stale-if-error is leased over, as for one key, and so is one no instance may
   * serve. Without leases, as {@link #getAll}: one {@code MGET}.
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
    Leases.Read[] reads = bulkLeases.readThenLeaseMissing(redis, batch.redisKeys(), batch.loads());
    byte[][] stamps = stampsOrGiveUp(leases, batch, batch, sentStamps);
    Map<K, CacheEntry<V>> found = new HashMap<>();
    List<Integer> readAgain = leasedValues(leases, batch, reads, stamps, found, false);
    Batch<K> again = batch;
    byte[][] stampsAgain = stamps;
    for (int attempt = 1; attempt <= Reads.LAST_ATTEMPT && !readAgain.isEmpty(); attempt++) {
      // Corrupt ones were deleted: their loads go on to the origin, under leases of their own, or
      // they could not store what they load (see LeasedWrites.putAllLoaded). Unserved ones
      // another instance took the lease over first: wait for its fill, as one key's read does,
      // instead of loading them again.
      List<Integer> indexes = readAgain;
      byte[][] previous = stampsAgain;
      again = again.only(indexes);
      stampsAgain = indexes.stream().map(i -> previous[i]).toArray(byte[][]::new);
      readAgain = leasedValues(leases, again,
          bulkLeases.readOrLeaseAll(redis, again.redisKeys(), again.loads()), stampsAgain, found,
          attempt == Reads.LAST_ATTEMPT);
    }
    return found;
  }

  /**
   * The stamp of each key of {@code read}, by index, from what {@code stamps} brought; when the
   * tokens could not be read, gives up every lease the read of {@code batch} took (so that others
   * need not wait for them) and throws.
   */
  private byte[][] stampsOrGiveUp(Leases leases, Batch<K> batch, Batch<K> read,
      TimedCommands.@Nullable Sent<Map<String, byte[]>> stamps) {
    try {
      IntFunction<byte[]> stampAt = stampsOf(read, stamps);
      byte[][] byIndex = new byte[read.keys().size()][];
      Arrays.setAll(byIndex, stampAt::apply);
      return byIndex;
    } catch (RedisTierException unread) {
      List<Lease> held = new ArrayList<>();
      for (int i = 0; i < batch.keys().size(); i++) {
        Object load = batch.loads().get(i);
        Lease lease = load == null ? null : leases.takeHeld(load, batch.redisKeys().get(i));
        if (lease != null) {
          held.add(lease);
        }
      }
      leases.abandonAllAfter(redis, held, unread);
      throw unread;
    }
  }

  /**
   * Judges again, by the tokens as they are now, each value of {@code reads} that its key's stamp
   * in {@code stamps} does not serve, replacing that stamp: it may have been read after a wait, as
   * another instance's fill, while a tag's invalidation made the tokens first read, not the
   * value, out of date. One round trip, only when there is such a value.
   */
  private void restamp(Leases leases, Batch<K> batch, Leases.Read[] reads, byte[][] stamps) {
    List<Integer> unserved = new ArrayList<>();
    for (int i = 0; i < reads.length; i++) {
      byte[] stored = reads[i].value();
      if (stored != null && stamps[i] != null && !tokens.serves(stored, stamps[i])) {
        unserved.add(i);
      }
    }
    if (unserved.isEmpty()) {
      return;
    }
    Batch<K> again = batch.only(unserved);
    byte[][] now = stampsOrGiveUp(leases, batch, again, tokens.send(again.keys()));
    for (int n = 0; n < now.length; n++) {
      stamps[unserved.get(n)] = now[n];
    }
  }

  /**
   * Decodes what {@link BulkLeases#readOrLeaseAll} read into {@code found}; returns the indexes to
   * read again: entries that could not be decoded (deleted, and logged: one bad entry must not
   * fail the other keys), and, unless this is the {@code lastPass}, values no instance may serve
   * whose lease another instance took first.
   */
  private List<Integer> leasedValues(Leases leases, Batch<K> batch, Leases.Read[] reads,
      byte[][] stamps, Map<K, CacheEntry<V>> found, boolean lastPass) {
    restamp(leases, batch, reads, stamps);
    List<Integer> readAgain = new ArrayList<>();
    for (int i = 0; i < reads.length; i++) {
      byte[] stored = reads[i].value();
      String redisKey = batch.redisKeys().get(i);
      Object load = batch.loads().get(i);
      byte[] stamp = stamps[i];
      if (stored == null || !tokens.serves(stored, stamp)) {
        if (stored != null && !reads[i].underLease()
            && !leaseOver(() -> leases.leaseOverUnserved(redis, redisKey, stored, load))
            && !lastPass) {
          readAgain.add(i); // another instance leased it first
          continue;
        }
        tokens.keepFor(load, redisKey, stamp, true);
        continue; // leased by this load (taken, adopted, or over what may not be served)
      }
      CacheEntry<V> entry = entries.decodeInBatch(redisKey, stored);
      if (entry == null) {
        if (!reads[i].underLease()) {
          readAgain.add(i);
        }
        continue;
      }
      found.put(batch.keys().get(i), entry);
      tokens.keepFor(load, redisKey, stamp,
          reads[i].underLease() || entries.loadGoesOn(entry));
      long staleMillis = reads[i].underLease() ? 0 : entries.keptStaleMillis(entry);
      if (staleMillis > 0) {
        leaseOver(() -> leases.leaseOver(redis, redisKey, stored, staleMillis, load));
      }
    }
    return readAgain;
  }

  /**
   * Takes a lease over a value read, so that one instance of the fleet reloads it; false when the
   * key changed meanwhile (another instance took it). When Redis does not answer, the load goes on
   * without a lease.
   */
  private static boolean leaseOver(BooleanSupplier take) {
    try {
      return take.getAsBoolean();
    } catch (RedisTierException notLeased) {
      LOG.log(System.Logger.Level.DEBUG, notLeased.getMessage(), notLeased);
      return true; // Redis did not answer: the load goes on, as it would without leases
    }
  }
}
