package io.tiered.redis;

import io.lettuce.core.SetArgs;
import io.tiered.runtime.CacheEntry;
import io.tiered.runtime.TierSpec;
import org.jspecify.annotations.Nullable;

/**
 * What one cache's Redis keys hold: entries the codec encodes, once the {@link CodecProbe} found
 * that it reads them back, each kept to its expiry plus the stale-if-error window. An entry that
 * cannot be decoded is deleted, if it is still the one read.
 */
final class StoredEntries<V> {
  private static final System.Logger LOG = System.getLogger(StoredEntries.class.getName());
  /** What {@link #keepMillis} says of an entry already past keeping. */
  static final long PAST_KEEPING = -1;

  private final TierSpec<?, V> spec;
  private final Codec.Typed<V> codec;
  /** Whether the codec reads back this cache's values; when it does not, Redis is skipped. */
  private final CodecProbe<V> probe;
  private final TimedCommands redis;

  StoredEntries(TierSpec<?, V> spec, Codec.Typed<V> codec, TimedCommands redis) {
    this.spec = spec;
    this.codec = codec;
    this.probe = new CodecProbe<>(spec.cacheName(), spec.valueType(), codec);
    this.redis = redis;
  }

  /** Whether this cache skips Redis: its codec cannot read back its values. */
  boolean skipped() {
    return probe.failed();
  }

  /**
   * Decodes what {@code redisKey} holds (past its stamp, in a tagged cache); deletes it and throws
   * when it cannot be decoded.
   */
  CacheEntry<V> decode(String redisKey, byte[] stored) {
    try {
      return codec.decode(TagHeader.payload(stored));
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
   * As {@link #decode}, for one key of a batch: null, logged, when it cannot be decoded (deleted):
   * one bad entry must not fail the other keys.
   */
  @Nullable CacheEntry<V> decodeInBatch(String redisKey, byte[] stored) {
    try {
      return decode(redisKey, stored);
    } catch (CorruptEntryException corrupt) {
      LOG.log(System.Logger.Level.WARNING, corrupt.getMessage(), corrupt);
      return null;
    }
  }

  byte[] encode(CacheEntry<V> entry) {
    return codec.encode(entry);
  }

  /**
   * Whether {@code encoded}, the bytes of {@code entry}, may be stored: see
   * {@link CodecProbe#admits}.
   */
  boolean admits(CacheEntry<V> entry, byte[] encoded) {
    return probe.admits(entry, encoded);
  }

  /** The {@code SET} arguments of {@code entry}: see {@link #keepMillis}; null when expired. */
  @Nullable SetArgs setArgs(CacheEntry<V> entry) {
    long keepMillis = keepMillis(entry);
    if (keepMillis == PAST_KEEPING) {
      return null;
    }
    SetArgs args = new SetArgs();
    if (keepMillis != Scripts.NO_EXPIRY) {
      args.px(keepMillis);
    }
    return args;
  }

  /**
   * How long Redis keeps {@code entry}, in ms: to its expiry plus the stale-if-error window, as
   * every instance judges from the envelope's cached-at and ttl whether the value is fresh or only
   * stale; {@link Scripts#NO_EXPIRY} when it never expires, {@link #PAST_KEEPING} when it is
   * already past keeping.
   */
  long keepMillis(CacheEntry<V> entry) {
    long remaining = spec.retainMillis(entry, spec.clock().millis());
    if (remaining == Long.MAX_VALUE) {
      return Scripts.NO_EXPIRY;
    }
    return remaining <= 0 ? PAST_KEEPING : remaining;
  }

  /**
   * Whether a load that read {@code entry} goes on to the origin (and then writes, or gives up):
   * when there is none, or it is past its ttl. A load served a fresh entry ends with the read.
   */
  boolean loadGoesOn(@Nullable CacheEntry<V> entry) {
    return entry == null || entry.isExpiredAt(spec.clock().millis());
  }

  /** How much longer Redis keeps {@code entry}, past its ttl, for stale-if-error; 0 if fresh. */
  long keptStaleMillis(CacheEntry<V> entry) {
    if (spec.staleFor().isZero()) {
      return 0;
    }
    long now = spec.clock().millis();
    return entry.isExpiredAt(now) ? spec.retainMillis(entry, now) : 0;
  }
}
