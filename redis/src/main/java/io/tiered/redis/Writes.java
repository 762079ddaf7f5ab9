package io.tiered.redis;

import io.lettuce.core.SetArgs;
import io.tiered.runtime.CacheEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * The plain writes of one cache's Redis tier: {@code SET PX}, one key or pipelined. A key whose
 * invalidation Redis missed ({@link PendingInvalidations}), or one of whose tags' did, is not
 * written until that invalidation is replayed. In a tagged cache a value is stamped with its tags'
 * tokens ({@link KeyTokens}): a put's read now, in one more round trip; a load's as it began.
 * Writes under leases are {@link LeasedWrites}'.
 */
final class Writes<K, V> {
  private final KeyFormat<K> keys;
  private final PendingInvalidations pending;
  private final StoredEntries<V> stored;
  private final KeyTokens<K> tokens;
  private final TimedCommands redis;

  Writes(KeyFormat<K> keys, PendingInvalidations pending, StoredEntries<V> stored,
      KeyTokens<K> tokens, TimedCommands redis) {
    this.keys = keys;
    this.pending = pending;
    this.stored = stored;
    this.tokens = tokens;
    this.redis = redis;
  }

  /**
   * Writes {@code entry}, unless this cache skips Redis; in a tagged cache, stamped with the
   * tokens its key's tags have now. The first write with a value checks that the codec reads it
   * back ({@link CodecProbe}); when it does not, throws
   * {@link io.tiered.runtime.TierCodecException}, once, and writes nothing then or later.
   */
  void put(K key, CacheEntry<V> entry) {
    SetArgs args = storable(entry);
    if (args != null) {
      String encodedKey = keys.encode(key);
      String redisKey = writableKey(key, encodedKey);
      set(redisKey, entry, args, tokens.tagged() ? tokens.read(key) : null);
    }
  }

  /**
   * As {@link #put}, for a key already encoded, stamped with {@code stamp}, read as the load or
   * put that produced it began; in a tagged cache, nothing is written without one.
   */
  void putStamped(K key, String encodedKey, CacheEntry<V> entry, byte @Nullable [] stamp) {
    SetArgs args = storable(entry);
    if (args != null && tokens.writable(stamp)) {
      set(writableKey(key, encodedKey), entry, args, stamp);
    }
  }

  /** The {@code SET} arguments of {@code entry}; null when it is not to be written. */
  private @Nullable SetArgs storable(CacheEntry<V> entry) {
    SetArgs args = stored.setArgs(entry);
    if (args == null || stored.skipped()) {
      // Already past keeping (Redis rejects PX 0, and nobody may read it anyway), or this
      // cache's values cannot be stored.
      return null;
    }
    return args;
  }

  private void set(String redisKey, CacheEntry<V> entry, SetArgs args, byte @Nullable [] stamp) {
    byte[] encoded = stored.encode(entry);
    if (!stored.admits(entry, encoded) || !tokens.writable(stamp)) {
      return;
    }
    byte[] value = tokens.stored(stamp, encoded);
    redis.run("SET", redisKey, commands -> commands.set(redisKey, value, args));
  }

  /** One {@link #putAll} with stamps read now, in one round trip before the SETs. */
  void putAll(Map<? extends K, CacheEntry<V>> entries) {
    if (stored.skipped() || entries.isEmpty()) {
      return;
    }
    var sent = tokens.send(entries.keySet());
    Map<String, byte[]> byTag = sent == null ? Map.of() : sent.await();
    putAll(entries, (key, redisKey) -> tokens.stampOf(key, byTag));
  }

  /**
   * One {@code SET PX} per key, pipelined: one round trip, no script, and each key on its own, so
   * that on a Redis Cluster every SET goes to its key's slot; each value stamped with
   * {@code stampOf} its key and Redis key, in a tagged cache (a key without a stamp is not
   * written). Keys whose invalidation Redis missed are skipped, as {@link #put} skips them, and
   * reported once the others are written. These are plain writes: a bulk load writes through
   * {@link LeasedWrites#putAllLoaded} with leases, which writes only under them.
   */
  void putAll(Map<? extends K, CacheEntry<V>> entries,
      BiFunction<K, String, byte @Nullable []> stampOf) {
    if (stored.skipped()) {
      return;
    }
    List<String> redisKeys = new ArrayList<>(entries.size());
    List<byte[]> values = new ArrayList<>(entries.size());
    List<SetArgs> args = new ArrayList<>(entries.size());
    String skipped = null;
    for (Map.Entry<? extends K, CacheEntry<V>> entry : entries.entrySet()) {
      SetArgs expiry = stored.setArgs(entry.getValue());
      String encodedKey = keys.encode(entry.getKey());
      if (expiry == null) {
        continue;
      }
      String redisKey = keys.namespaced(encodedKey);
      if (pending.covers(encodedKey) || tokens.pending(entry.getKey())) {
        skipped = redisKey;
        continue;
      }
      byte[] stamp = stampOf.apply(entry.getKey(), redisKey);
      if (!tokens.writable(stamp)) {
        continue;
      }
      byte[] encoded = stored.encode(entry.getValue());
      if (!stored.admits(entry.getValue(), encoded)) {
        return;
      }
      redisKeys.add(redisKey);
      values.add(tokens.stored(stamp, encoded));
      args.add(expiry);
    }
    if (!redisKeys.isEmpty()) {
      redis.run("SET", redisKeys.size() + " keys", commands -> Pipeline.each(redisKeys.size(),
          i -> commands.set(redisKeys.get(i), values.get(i), args.get(i))));
    }
    if (skipped != null) {
      throw skippedUntilReplayed(skipped);
    }
  }

  /**
   * The Redis key of {@code encodedKey}; throws while an invalidation of it, or of one of its
   * tags, awaits its replay.
   */
  String writableKey(K key, String encodedKey) {
    String redisKey = keys.namespaced(encodedKey);
    if (pending.covers(encodedKey) || tokens.pending(key)) {
      throw skippedUntilReplayed(redisKey);
    }
    return redisKey;
  }

  private static RedisTierException skippedUntilReplayed(String redisKey) {
    return new RedisTierException("SET " + redisKey + ": skipped until the invalidation of this"
        + " key (or of a tag of it) that Redis missed is replayed", null);
  }
}
