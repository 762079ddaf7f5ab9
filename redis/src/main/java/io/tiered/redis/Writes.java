package io.tiered.redis;

import io.lettuce.core.SetArgs;
import io.tiered.runtime.CacheEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The plain writes of one cache's Redis tier: {@code SET PX}, one key or pipelined. A key whose
 * invalidation Redis missed ({@link PendingInvalidations}) is not written until that
 * invalidation is replayed. Writes under leases are {@link LeasedWrites}'.
 */
final class Writes<K, V> {
  private final KeyFormat<K> keys;
  private final PendingInvalidations pending;
  private final StoredEntries<V> stored;
  private final TimedCommands redis;

  Writes(KeyFormat<K> keys, PendingInvalidations pending, StoredEntries<V> stored,
      TimedCommands redis) {
    this.keys = keys;
    this.pending = pending;
    this.stored = stored;
    this.redis = redis;
  }

  /**
   * Writes {@code entry}, unless this cache skips Redis. The first write with a value checks that
   * the codec reads it back ({@link CodecProbe}); when it does not, throws
   * {@link io.tiered.runtime.TierCodecException}, once, and writes nothing then or later.
   */
  void put(K key, CacheEntry<V> entry) {
    SetArgs args = storable(entry);
    if (args != null) {
      set(keys.encode(key), entry, args);
    }
  }

  /** As {@link #put}, for a key already encoded. */
  void putEncoded(String encodedKey, CacheEntry<V> entry) {
    SetArgs args = storable(entry);
    if (args != null) {
      set(encodedKey, entry, args);
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

  private void set(String encodedKey, CacheEntry<V> entry, SetArgs args) {
    String redisKey = writableKey(encodedKey);
    byte[] encoded = stored.encode(entry);
    if (!stored.admits(entry, encoded)) {
      return;
    }
    redis.run("SET", redisKey, commands -> commands.set(redisKey, encoded, args));
  }

  /**
   * One {@code SET PX} per key, pipelined: one round trip, no script, and each key on its own, so
   * that on a Redis Cluster every SET goes to its key's slot. Keys whose invalidation Redis missed
   * are skipped, as {@link #put} skips them, and reported once the others are written. These are
   * plain writes: a bulk load writes through {@link LeasedWrites#putAllLoaded} with leases, which
   * writes only under them.
   */
  void putAll(Map<? extends K, CacheEntry<V>> entries) {
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
      if (pending.covers(encodedKey)) {
        skipped = keys.namespaced(encodedKey);
        continue;
      }
      byte[] encoded = stored.encode(entry.getValue());
      if (!stored.admits(entry.getValue(), encoded)) {
        return;
      }
      redisKeys.add(keys.namespaced(encodedKey));
      values.add(encoded);
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

  /** The Redis key of {@code encodedKey}; throws while an invalidation of it awaits its replay. */
  String writableKey(String encodedKey) {
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
}
