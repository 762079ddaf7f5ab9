package io.tiered.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.tiered.runtime.CacheEntry;
import io.tiered.runtime.CacheTier;
import io.tiered.runtime.TierSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** The entries of one cache in Redis. */
final class RedisTier<K, V> implements CacheTier<K, V> {
  private static final System.Logger LOG = System.getLogger(RedisTier.class.getName());
  private static final int SCAN_BATCH = 500;

  private final TierSpec<K, V> spec;
  private final KeyFormat<K> keys;
  private final Codec.Typed<V> codec;
  /** Whether the codec reads back this cache's values; when it does not, Redis is skipped. */
  private final CodecProbe<V> probe;
  private final TimedCommands redis;
  private final InvalidationBus bus;
  private final PendingInvalidations pending = new PendingInvalidations();
  /** Cross-instance single flight; null when leases are off. */
  private final @Nullable Leases leases;
  private final @Nullable BulkLeases bulkLeases;

  RedisTier(TierSpec<K, V> spec, KeyFormat<K> keys, Codec.Typed<V> codec, TimedCommands redis,
      InvalidationBus bus, @Nullable Leases leases) {
    this.spec = spec;
    this.keys = keys;
    this.codec = codec;
    this.probe = new CodecProbe<>(spec.cacheName(), spec.valueType(), codec);
    this.redis = redis;
    this.bus = bus;
    this.leases = leases;
    this.bulkLeases = leases == null ? null : new BulkLeases(leases);
  }

  String cacheName() {
    return spec.cacheName();
  }

  @Override
  public @Nullable CacheEntry<V> get(K key) {
    return read(key, null);
  }

  /** As {@link #get}; with leases, a miss takes the key's lease for {@code load}. */
  @Override
  public @Nullable CacheEntry<V> getForLoad(K key, Object load) {
    return read(key, load);
  }

  private @Nullable CacheEntry<V> read(K key, @Nullable Object load) {
    if (probe.failed()) {
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
    return decode(redisKey, stored);
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
        entry = decode(redisKey, stored);
      } catch (CorruptEntryException corrupt) {
        if (!read.underLease()) {
          // Deleted: the load goes on to the origin, under a lease of its own, or it could not
          // store what it loads (see putLoaded).
          leases.readOrLease(redis, redisKey, load);
        }
        throw corrupt;
      }
      if (read.underLease()) {
        return entry; // stale, carried by the lease this instance now loads under
      }
      long staleMillis = keptStaleMillis(entry);
      if (staleMillis <= 0 || attempt == 1
          || leases.leaseOver(redis, redisKey, stored, staleMillis, load)) {
        return entry;
      }
    }
  }

  /** How much longer Redis keeps {@code entry}, past its ttl, for stale-if-error; 0 if fresh. */
  private long keptStaleMillis(CacheEntry<V> entry) {
    if (spec.staleFor().isZero()) {
      return 0;
    }
    long now = spec.clock().millis();
    return entry.isExpiredAt(now) ? spec.retainMillis(entry, now) : 0;
  }

  /** Decodes what {@code redisKey} holds; deletes it and throws when it cannot be decoded. */
  private CacheEntry<V> decode(String redisKey, byte[] stored) {
    try {
      return codec.decode(stored);
    } catch (RuntimeException undecodable) {
      CorruptEntryException corrupt = new CorruptEntryException(redisKey, undecodable);
      try {
        redis.run("DEL", redisKey,
            commands -> Scripts.deleteIfUnchanged(commands, redisKey, stored));
      } catch (RedisTierException notDeleted) {
        corrupt.addSuppressed(notDeleted);
      }
      throw corrupt;
    }
  }

  /**
   * One {@code MGET} of every key (on a Redis Cluster connection, Lettuce splits it by slot). A
   * key whose invalidation Redis missed reads as a miss, as in {@link #get}; so does an entry that
   * cannot be decoded, which is deleted (logged: one bad entry must not fail the other keys).
   */
  @Override
  public Map<K, CacheEntry<V>> getAll(Collection<? extends K> batch) {
    if (probe.failed()) {
      return Map.of();
    }
    List<K> read = new ArrayList<>(batch.size());
    List<String> redisKeys = new ArrayList<>(batch.size());
    for (K key : batch) {
      String encodedKey = keys.encode(key);
      if (!pending.covers(encodedKey)) {
        read.add(key);
        redisKeys.add(keys.namespaced(encodedKey));
      }
    }
    if (read.isEmpty()) {
      return Map.of();
    }
    String[] keyArray = redisKeys.toArray(String[]::new);
    List<KeyValue<String, byte[]>> stored =
        redis.run("MGET", keyArray.length + " keys", commands -> commands.mget(keyArray));
    Map<K, CacheEntry<V>> found = new HashMap<>();
    for (int i = 0; i < stored.size(); i++) { // MGET answers in the order asked
      KeyValue<String, byte[]> value = stored.get(i);
      if (value.hasValue() && !LeaseMarkers.isLease(value.getValue())) { // a lease: another's load
        try {
          found.put(read.get(i), decode(keyArray[i], value.getValue()));
        } catch (CorruptEntryException corrupt) {
          LOG.log(System.Logger.Level.WARNING, corrupt.getMessage(), corrupt);
        }
      }
    }
    return found;
  }

  /**
   * With leases, reads the keys of a bulk load as {@link #getForLoad} reads one, in one round trip:
   * a pipeline of {@code SET NX PX GET}, one per key (see {@link BulkLeases#readOrLeaseAll}). A key
   * that holds a value is a hit; an empty one is leased for its load; keys another instance holds
   * the lease of are polled together until their values land or {@code maxWait} passes, and then
   * loaded under the lease waited on. A value past its ttl but kept for stale-if-error is leased
   * over, as for one key. Without leases, as {@link #getAll}: one {@code MGET}.
   */
  @Override
  public Map<K, CacheEntry<V>> getAllForLoad(Map<? extends K, ?> loads) {
    if (leases == null || bulkLeases == null) {
      return getAll(loads.keySet());
    }
    if (probe.failed()) {
      return Map.of();
    }
    List<K> read = new ArrayList<>(loads.size());
    List<String> redisKeys = new ArrayList<>(loads.size());
    List<Object> readLoads = new ArrayList<>(loads.size());
    for (Map.Entry<? extends K, ?> load : loads.entrySet()) {
      String encodedKey = keys.encode(load.getKey());
      if (!pending.covers(encodedKey)) { // else Redis may hold what the invalidation was to remove
        read.add(load.getKey());
        redisKeys.add(keys.namespaced(encodedKey));
        readLoads.add(load.getValue());
      }
    }
    Map<K, CacheEntry<V>> found = new HashMap<>();
    List<Integer> corrupt = leasedValues(leases, read, redisKeys, readLoads,
        bulkLeases.readOrLeaseAll(redis, redisKeys, readLoads), found);
    if (!corrupt.isEmpty()) {
      // Deleted: their loads go on to the origin, under leases of their own, or they could not
      // store what they load (see putAllLoaded).
      List<K> again = corrupt.stream().map(read::get).toList();
      List<String> againKeys = corrupt.stream().map(redisKeys::get).toList();
      List<Object> againLoads = corrupt.stream().map(readLoads::get).toList();
      leasedValues(leases, again, againKeys, againLoads,
          bulkLeases.readOrLeaseAll(redis, againKeys, againLoads), found);
    }
    return found;
  }

  /**
   * Decodes what {@link BulkLeases#readOrLeaseAll} read into {@code found}; returns the indexes of the
   * entries that could not be decoded (deleted, and logged: one bad entry must not fail the
   * other keys).
   */
  private List<Integer> leasedValues(Leases leases, List<K> read, List<String> redisKeys,
      List<Object> loads, Leases.Read[] reads, Map<K, CacheEntry<V>> found) {
    List<Integer> corrupt = new ArrayList<>();
    for (int i = 0; i < reads.length; i++) {
      byte[] stored = reads[i].value();
      if (stored == null) {
        continue; // this instance holds the lease, or stopped waiting for another's
      }
      CacheEntry<V> entry;
      try {
        entry = decode(redisKeys.get(i), stored);
      } catch (CorruptEntryException undecodable) {
        LOG.log(System.Logger.Level.WARNING, undecodable.getMessage(), undecodable);
        if (!reads[i].underLease()) {
          corrupt.add(i);
        }
        continue;
      }
      found.put(read.get(i), entry);
      long staleMillis = reads[i].underLease() ? 0 : keptStaleMillis(entry);
      if (staleMillis > 0) {
        try { // one instance of the fleet reloads it; if the key changed, a miss without lease
          leases.leaseOver(redis, redisKeys.get(i), stored, staleMillis, loads.get(i));
        } catch (RedisTierException notLeased) {
          LOG.log(System.Logger.Level.DEBUG, notLeased.getMessage(), notLeased);
        }
      }
    }
    return corrupt;
  }

  /**
   * Writes {@code entry}, unless this cache skips Redis. The first write with a value checks that
   * the codec reads it back ({@link CodecProbe}); when it does not, throws
   * {@link io.tiered.runtime.TierCodecException}, once, and writes nothing then or later.
   */
  @Override
  public void put(K key, CacheEntry<V> entry) {
    SetArgs args = setArgs(entry);
    if (args == null || probe.failed()) {
      // Already past keeping (Redis rejects PX 0, and nobody may read it anyway), or this
      // cache's values cannot be stored.
      return;
    }
    String redisKey = writableKey(keys.encode(key));
    byte[] encoded = codec.encode(entry);
    if (!probe.admits(entry, encoded)) {
      return;
    }
    redis.run("SET", redisKey, commands -> commands.set(redisKey, encoded, args));
  }

  /**
   * One {@code SET PX} per key, pipelined: one round trip, no script, and each key on its own, so
   * that on a Redis Cluster every SET goes to its key's slot. Keys whose invalidation Redis missed
   * are skipped, as {@link #put} skips them, and reported once the others are written. These are
   * plain writes: a bulk load writes through {@link #putAllLoaded}, which with leases writes only
   * under them.
   */
  @Override
  public void putAll(Map<? extends K, CacheEntry<V>> entries) {
    if (probe.failed()) {
      return;
    }
    List<String> redisKeys = new ArrayList<>(entries.size());
    List<byte[]> values = new ArrayList<>(entries.size());
    List<SetArgs> args = new ArrayList<>(entries.size());
    String skipped = null;
    for (Map.Entry<? extends K, CacheEntry<V>> entry : entries.entrySet()) {
      SetArgs expiry = setArgs(entry.getValue());
      String encodedKey = keys.encode(entry.getKey());
      if (expiry == null) {
        continue;
      }
      if (pending.covers(encodedKey)) {
        skipped = keys.namespaced(encodedKey);
        continue;
      }
      byte[] encoded = codec.encode(entry.getValue());
      if (!probe.admits(entry.getValue(), encoded)) {
        return;
      }
      redisKeys.add(keys.namespaced(encodedKey));
      values.add(encoded);
      args.add(expiry);
    }
    if (!redisKeys.isEmpty()) {
      redis.run("SET", redisKeys.size() + " keys", commands -> {
        CompletableFuture<?>[] sets = new CompletableFuture<?>[redisKeys.size()];
        for (int i = 0; i < sets.length; i++) {
          sets[i] = commands.set(redisKeys.get(i), values.get(i), args.get(i)).toCompletableFuture();
        }
        return CompletableFuture.allOf(sets);
      });
    }
    if (skipped != null) {
      throw skippedUntilReplayed(skipped);
    }
  }

  /** The {@code SET} arguments of {@code entry}: see {@link #remainingMillis}; null when expired. */
  private @Nullable SetArgs setArgs(CacheEntry<V> entry) {
    long remainingMillis = remainingMillis(entry);
    if (remainingMillis < 0) {
      return null;
    }
    SetArgs args = new SetArgs();
    if (remainingMillis > 0) {
      args.px(remainingMillis);
    }
    return args;
  }

  /**
   * How long Redis keeps {@code entry}, in ms: to its expiry plus the stale-if-error window, as
   * every instance judges from the envelope's cached-at and ttl whether the value is fresh or only
   * stale; 0 when it never expires, -1 when it is already past keeping.
   */
  private long remainingMillis(CacheEntry<V> entry) {
    long remaining = spec.retainMillis(entry, spec.clock().millis());
    if (remaining == Long.MAX_VALUE) {
      return 0;
    }
    return remaining <= 0 ? -1 : remaining;
  }

  /** The Redis key of {@code encodedKey}; throws while an invalidation of it awaits its replay. */
  private String writableKey(String encodedKey) {
    String redisKey = keys.namespaced(encodedKey);
    if (pending.covers(encodedKey)) {
      throw skippedUntilReplayed(redisKey);
    }
    return redisKey;
  }

  private static RedisTierException skippedUntilReplayed(String redisKey) {
    return new RedisTierException("SET " + redisKey + ": skipped until the invalidation of this"
        + " key that Redis missed is replayed", null);
  }

  /**
   * With leases, writes the value only while the lease {@code load} took, or adopted when it gave
   * up waiting, still holds the key (an invalidate since the read removed it). A load that holds
   * no lease writes nothing: its read found a value it then did not use (one the engine would not
   * trust, as a dropped load's late write may be, or too old for a refresh), and an unconditional
   * SET of what it loaded could land after an invalidate it raced, keeping the older value in
   * Redis for every instance. Without leases, as {@link #put}.
   */
  @Override
  public boolean putLoaded(K key, CacheEntry<V> entry, Object load) {
    if (probe.failed()) {
      loadAbandoned(key, load);
      return true; // skipped, as put skips it
    }
    String encodedKey = keys.encode(key);
    Lease lease =
        leases == null ? null : leases.takeHeld(load, keys.namespaced(encodedKey));
    if (lease == null) {
      if (leases == null) {
        put(key, entry);
      }
      return true;
    }
    return fillUnder(leases, lease, encodedKey, entry);
  }

  /**
   * With leases, writes each value as {@link #putLoaded} writes one, in one round trip: a pipeline
   * of compare-and-set scripts, one per key whose load holds its lease (taken or adopted), so that
   * a value lands only while nothing invalidated its key since the bulk load's read. A key whose
   * load holds no lease is not written; a key whose lease is gone is refused. Without leases, as
   * {@link #putAll}.
   */
  @Override
  public Set<K> putAllLoaded(Map<? extends K, CacheEntry<V>> entries, Map<? extends K, ?> loads) {
    if (leases == null) {
      putAll(entries);
      return Set.of();
    }
    Fills<K> fills = fillAllUnder(leases, entries, loads);
    Set<K> refused = new HashSet<>(entries.keySet());
    refused.removeAll(fills.stored());
    refused.removeAll(fills.skipped());
    return refused;
  }

  /**
   * With leases, as {@link #putFromDroppedLoad} for each key, in one pipeline: a dropped key still
   * fills while its load's lease holds it. Without leases, nothing is stored.
   */
  @Override
  public Set<K> putAllFromDroppedLoads(Map<? extends K, CacheEntry<V>> entries,
      Map<? extends K, ?> loads) {
    return leases == null ? Set.of() : fillAllUnder(leases, entries, loads).stored();
  }

  /**
   * What {@link #fillAllUnder} did with each key: stored it (or had nothing to store, the value
   * being past keeping), or skipped it (its load held no lease, or this cache skips Redis); it
   * refused the others.
   */
  private record Fills<K>(Set<K> stored, Set<K> skipped) {}

  /**
   * Writes the entries whose load holds its key's lease, each while its key still holds that
   * lease, in one pipeline. Every lease is taken back from its load, and one that is not filled
   * is given up.
   */
  private Fills<K> fillAllUnder(Leases leases, Map<? extends K, CacheEntry<V>> entries,
      Map<? extends K, ?> loads) {
    Fills<K> fills = new Fills<>(new HashSet<>(), new HashSet<>());
    List<Lease> leased = new ArrayList<>(entries.size());
    List<K> leasedKeys = new ArrayList<>(entries.size());
    for (Map.Entry<? extends K, CacheEntry<V>> entry : entries.entrySet()) {
      Object load = loads.get(entry.getKey());
      Lease lease = load == null
          ? null
          : leases.takeHeld(load, keys.namespaced(keys.encode(entry.getKey())));
      if (lease == null) {
        fills.skipped().add(entry.getKey()); // no lease, no write: see putLoaded
      } else {
        leased.add(lease);
        leasedKeys.add(entry.getKey());
      }
    }
    if (leased.isEmpty()) {
      return fills;
    }
    if (probe.failed()) {
      leases.abandonAll(redis, leased);
      fills.skipped().addAll(leasedKeys);
      return fills;
    }
    List<Lease> abandoned = new ArrayList<>();
    List<Lease> filling = new ArrayList<>(leased.size());
    List<byte[]> values = new ArrayList<>(leased.size());
    List<Long> pxMillis = new ArrayList<>(leased.size());
    List<K> filledKeys = new ArrayList<>(leased.size());
    for (int i = 0; i < leased.size(); i++) {
      K key = leasedKeys.get(i);
      Lease lease = leased.get(i);
      CacheEntry<V> entry = entries.get(key);
      if (pending.covers(keys.encode(key))) {
        abandoned.add(lease); // invalidated since the read, and Redis missed it: refused
        continue;
      }
      long remainingMillis = remainingMillis(entry);
      if (remainingMillis < 0) {
        abandoned.add(lease);
        fills.stored().add(key); // nothing to store; the lease still held
        continue;
      }
      byte[] encoded = codec.encode(entry);
      if (!admitsAll(entry, encoded, leases, leased)) {
        fills.skipped().addAll(leasedKeys);
        return fills;
      }
      filling.add(lease);
      values.add(encoded);
      pxMillis.add(remainingMillis);
      filledKeys.add(key);
    }
    try {
      if (!filling.isEmpty()) {
        boolean[] wrote = leases.fillAll(redis, filling, values, pxMillis);
        for (int i = 0; i < wrote.length; i++) {
          if (wrote[i]) {
            fills.stored().add(filledKeys.get(i));
          }
        }
      }
    } finally {
      if (!abandoned.isEmpty()) {
        leases.abandonAll(redis, abandoned);
      }
    }
    return fills;
  }

  /**
   * As {@link CodecProbe#admits}; when it does not admit a value, every lease of {@code leased} is
   * given up, as this cache now skips Redis.
   */
  private boolean admitsAll(CacheEntry<V> entry, byte[] encoded, Leases leases,
      List<Lease> leased) {
    try {
      if (probe.admits(entry, encoded)) {
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

  /** With leases, gives up in one pipeline the leases the loads of {@code loads} hold, if any. */
  @Override
  public void loadsAbandoned(Map<? extends K, ?> loads) {
    if (leases == null) {
      return;
    }
    List<Lease> held = new ArrayList<>();
    loads.forEach((key, load) -> {
      Lease lease = leases.takeHeld(load, keys.namespaced(keys.encode(key)));
      if (lease != null) {
        held.add(lease);
      }
    });
    leases.abandonAll(redis, held);
  }

  /** With leases: a load writes only under its lease (see {@link #putLoaded}). */
  @Override
  public boolean fencesLoadWrites() {
    return leases != null;
  }

  /**
   * With leases, stores the value of a load an invalidate dropped while its lease still holds the
   * key: the lease was taken after the UNLINK of every invalidate since, so the value is not older
   * than any of them. The drop came from another instance's message, which can arrive after a
   * load that began after that instance's write; without this, the fresh value would be lost and
   * every instance waiting on the lease would call its origin for it again.
   */
  @Override
  public boolean putFromDroppedLoad(K key, CacheEntry<V> entry, Object load) {
    if (leases == null || probe.failed()) {
      return false;
    }
    String encodedKey = keys.encode(key);
    Lease lease = leases.takeHeld(load, keys.namespaced(encodedKey));
    return lease != null && fillUnder(leases, lease, encodedKey, entry);
  }

  /** Writes {@code entry} while {@code lease} holds the key; whether it did (or had nothing to). */
  private boolean fillUnder(Leases leases, Lease lease, String encodedKey,
      CacheEntry<V> entry) {
    long remainingMillis = remainingMillis(entry);
    String redisKey = writableKey(encodedKey);
    if (remainingMillis < 0) {
      leases.abandon(redis, redisKey, lease);
      return true; // nothing to store; the lease still held
    }
    byte[] encoded = codec.encode(entry);
    if (!admitsAll(entry, encoded, leases, List.of(lease))) {
      return true;
    }
    return leases.fill(redis, redisKey, lease.marker(), encoded, remainingMillis);
  }

  /**
   * With leases, takes the key's lease for {@code put} over whatever it holds
   * ({@link Leases#leaseForPut}): a load that read before the put's write, or a put begun before
   * this one, then fills nothing after it. Without leases, nothing.
   */
  @Override
  public void beginPut(K key, Object put) {
    if (leases != null && !probe.failed()) {
      leases.leaseForPut(redis, writableKey(keys.encode(key)), put);
    }
  }

  /**
   * Writes a put's value, with leases only while the lease {@link #beginPut} took still holds the
   * key (refused once another write removed or replaced it), then tells the other instances and
   * the sibling tiers to drop their copies: a message as an invalidate's, without the UNLINK, so
   * that they read the new value back from here. Without leases, a plain SET.
   */
  @Override
  public boolean putWritten(K key, CacheEntry<V> entry, Object put) {
    String encodedKey = keys.encode(key);
    if (leases == null || probe.failed()) {
      put(key, entry);
    } else {
      Lease lease = leases.takeHeld(put, keys.namespaced(encodedKey));
      if (lease == null || !fillUnder(leases, lease, encodedKey, entry)) {
        return false;
      }
    }
    announce(encodedKey);
    return true;
  }

  /**
   * Tells the other instances and the sibling tiers that {@code encodedKey} changed in Redis, for
   * them to drop it from their L1. A message Redis did not take is replayed as an invalidation.
   */
  private void announce(String encodedKey) {
    List<String> changed = List.of(encodedKey);
    byte[] message = bus.message(this, changed);
    try {
      redis.run("PUBLISH", keys.namespaced(encodedKey), commands -> bus.publishAfter(commands,
          CompletableFuture.completedFuture(null), encodedKey, message));
    } catch (RedisTierException missed) {
      pending.add(encodedKey);
      throw missed;
    } finally {
      bus.tellSiblings(this, changed);
    }
  }

  /** Gives up the lease {@code load} holds on the key, if any, for others not to wait. */
  @Override
  public void loadAbandoned(K key, Object load) {
    if (leases != null) {
      String redisKey = keys.namespaced(keys.encode(key));
      Lease lease = leases.takeHeld(load, redisKey);
      if (lease != null) {
        leases.abandon(redis, redisKey, lease);
      }
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
    if (leases == null) {
      invalidate(key);
    }
  }

  @Override
  public void invalidate(K key) {
    invalidateAll(List.of(key));
  }

  /** One UNLINK of every key and one invalidation message for the batch. */
  @Override
  public void invalidateAll(Iterable<? extends K> batch) {
    List<String> encodedKeys = new ArrayList<>();
    batch.forEach(key -> encodedKeys.add(keys.encode(key)));
    if (encodedKeys.isEmpty()) {
      return;
    }
    try {
      unlinkAndPublish(encodedKeys);
    } catch (RedisTierException missed) {
      encodedKeys.forEach(pending::add);
      throw missed;
    }
  }

  /**
   * UNLINKs the keys, then tells the other instances and the sibling tiers, each of which drops
   * them from its L1: after the UNLINK, so none can read an old value back from Redis meanwhile.
   * The siblings are told even when the UNLINK failed: their L1s may hold the old values.
   */
  private void unlinkAndPublish(List<String> encodedKeys) {
    String[] redisKeys = encodedKeys.stream().map(keys::namespaced).toArray(String[]::new);
    byte[] message = bus.message(this, encodedKeys);
    String described = redisKeys.length == 1 ? redisKeys[0] : redisKeys.length + " keys";
    try {
      // UNLINK before PUBLISH: when another instance hears of it, it is gone (and its lease too).
      redis.run("UNLINK", described, commands -> bus.publishAfter(commands,
          commands.unlink(redisKeys), encodedKeys.get(0), message));
    } finally {
      bus.tellSiblings(this, encodedKeys);
    }
  }

  @Override
  public void clear() {
    try {
      unlinkAllAndPublish();
    } catch (RedisTierException missed) {
      pending.addEveryKey();
      throw missed;
    }
  }

  /**
   * Replays the invalidations Redis missed, if any; throws when Redis still does not take them.
   * Called by the factory in the background.
   */
  void replayPending() {
    if (!pending.isEmpty()) {
      pending.replay(this::unlinkAllAndPublish, key -> unlinkAndPublish(List.of(key)));
    }
  }

  /** As {@link #unlinkAndPublish}, for every key of the cache. */
  private void unlinkAllAndPublish() {
    try {
      unlinkAllThenPublish();
    } finally {
      bus.tellSiblings(this, null);
    }
  }

  private void unlinkAllThenPublish() {
    byte[] message = bus.message(this, null);
    String pattern = keys.matchPattern();
    ScanArgs match = ScanArgs.Builder.matches(pattern).limit(SCAN_BATCH);
    ScanCursor cursor = ScanCursor.INITIAL;
    do { // SCAN, never KEYS: KEYS blocks the server for every client while it walks the keyspace
      ScanCursor from = cursor;
      KeyScanCursor<String> page = redis.run("SCAN", pattern, commands -> commands.scan(from, match));
      if (!page.getKeys().isEmpty()) {
        String[] batch = page.getKeys().toArray(String[]::new);
        redis.run("UNLINK", batch.length + " keys", commands -> commands.unlink(batch));
      }
      cursor = page;
    } while (!cursor.isFinished());
    redis.run("PUBLISH", bus.channel(), commands -> bus.publishAfter(commands,
        CompletableFuture.completedFuture(null), spec.cacheName(), message));
  }

  /**
   * Another instance (or a sibling tier) dropped {@code encodedKeys}, or every key when null:
   * drop them from the tiers in front of this one, in one batch, so they stop serving their copy.
   */
  void dropUpstream(@Nullable List<String> encodedKeys) {
    if (encodedKeys == null) {
      spec.upstream().invalidateAll();
      return;
    }
    List<K> decoded = new ArrayList<>(encodedKeys.size());
    for (String encodedKey : encodedKeys) {
      try {
        decoded.add(keys.decode(encodedKey));
      } catch (RuntimeException undecodable) {
        // Better to drop too much than to serve a stale value.
        LOG.log(System.Logger.Level.WARNING, "Could not decode invalidated key " + encodedKey
            + " of " + spec.cacheName() + "; dropping all its keys upstream", undecodable);
        spec.upstream().invalidateAll();
        return;
      }
    }
    if (decoded.size() == 1) {
      spec.upstream().invalidate(decoded.get(0));
    } else {
      spec.upstream().invalidateAll(decoded);
    }
  }

  @Override
  public String toString() {
    return "RedisTier[" + spec.cacheName() + "]";
  }
}
