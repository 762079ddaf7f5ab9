package io.tiered.redis;

import io.tiered.runtime.CacheEntry;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The single-key reads of one cache's Redis tier: {@code GET}, or, with leases, a read that takes
 * the lease of a key it misses (bulk reads are {@link BulkReads}'). A key whose invalidation
 * Redis missed ({@link PendingInvalidations}), or one of whose tags' did, is never read: Redis may
 * still hold the value it was to remove. In a tagged cache, the tokens of the key's tags are read
 * in the same round trip, and a value not stamped with them is not served ({@link KeyTokens}).
 */
final class Reads<K, V> {
  private static final System.Logger LOG = System.getLogger(Reads.class.getName());
  /**
   * How many times, at most, a leased read that lost the race for the lease over a value it may
   * not serve (stale, or stamped with replaced tokens) reads the key again, waiting for the
   * winner's fill, as bulk reads do too. It loses again only to a load that read before a write
   * of the key or of one of its tags, whose fill nobody may serve either; it must not then load
   * without a lease, for such a load writes nothing, and the next instance would load it again.
   */
  static final int LAST_ATTEMPT = 3;

  private final KeyFormat<K> keys;
  private final PendingInvalidations pending;
  private final StoredEntries<V> entries;
  private final KeyTokens<K> tokens;
  private final TimedCommands redis;
  /** Cross-instance single flight; null when leases are off. */
  private final @Nullable Leases leases;

  Reads(KeyFormat<K> keys, PendingInvalidations pending, StoredEntries<V> entries,
      KeyTokens<K> tokens, TimedCommands redis, @Nullable Leases leases) {
    this.keys = keys;
    this.pending = pending;
    this.entries = entries;
    this.tokens = tokens;
    this.redis = redis;
    this.leases = leases;
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
      tokens.keepFor(load, redisKey, stamp, true);
      return null;
    }
    return decodeForLoad(load, redisKey, stamp, false, () -> entries.decode(redisKey, stored));
  }

  /**
   * The entry {@code decode} reads, keeping the stamp for {@code load} as {@link KeyTokens#keepFor}
   * says, or whatever it read when the load {@code goesOn} (it holds a lease); kept too when it
   * cannot be decoded: the load goes on to the origin, and writes.
   */
  private CacheEntry<V> decodeForLoad(@Nullable Object load, String redisKey,
      byte @Nullable [] stamp, boolean goesOn, Supplier<CacheEntry<V>> decode) {
    CacheEntry<V> entry;
    try {
      entry = decode.get();
    } catch (CorruptEntryException corrupt) {
      tokens.keepFor(load, redisKey, stamp, true);
      throw corrupt;
    }
    tokens.keepFor(load, redisKey, stamp, goesOn || entries.loadGoesOn(entry));
    return entry;
  }

  /**
   * Reads {@code redisKey} under leases, for {@code load}. A value past its ttl, kept for
   * stale-if-error, is a miss like an empty key: its lease is taken over it, so that one instance
   * of the fleet reloads it while the others wait for the fill; so is a value no instance may
   * serve (a tag of it was invalidated), which the lease replaces. When the key changed between
   * the read and the lease (another instance took it first), it is read again, waiting for that
   * instance's fill ({@link #LAST_ATTEMPT}); a value no instance may serve found on the last
   * attempt is still leased over, if it can be: a load holding no lease writes nothing, and every
   * instance after it would load the key again. An instance that stops waiting gets the stale
   * value the lease carries, so that stale-if-error can still serve it.
   *
   * <p>A value not stamped with the tokens read with the key's first read is judged again by the
   * tokens as they are now ({@link #stampNow}): read after a wait, it may be the fill of a load
   * begun after a tag's invalidation that made the first tokens, not the value, out of date.
   * Leased over, it would be loaded again, and filled with those out-of-date tokens, which no
   * instance serves.
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
        tokens.keepFor(load, redisKey, stamp, true);
        return null; // this instance holds the lease, or stopped waiting for another's
      }
      if (!tokens.serves(stored, stamp)) {
        stamp = stampNow(leases, key, redisKey, load, stamp);
      }
      if (!tokens.serves(stored, stamp)) {
        if (read.underLease() || leases.leaseOverUnserved(redis, redisKey, stored, load)
            || attempt == LAST_ATTEMPT) {
          tokens.keepFor(load, redisKey, stamp, true);
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
   * The stamp of {@code key} now, for a value that {@code stamp} does not serve; as
   * {@link #stampOrGiveUp} when the tokens cannot be read. Null stays null: the cache is untagged,
   * or its tokens are not a tier's.
   */
  private byte @Nullable [] stampNow(Leases leases, K key, String redisKey, Object load,
      byte @Nullable [] stamp) {
    var now = stamp == null ? null : tokens.send(List.of(key));
    return now == null ? stamp : stampOrGiveUp(leases, key, redisKey, load, now);
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
        leases.abandonAllAfter(redis, List.of(lease), unread);
      }
      throw unread;
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
}
