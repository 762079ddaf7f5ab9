package io.tiered.redis;

import io.tiered.runtime.KeyTags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The tag tokens of one cache's keys ({@code @Tag}): a key's stamp is the tokens of its tags, in
 * their order, read in the round trip of the command that reads or leases the key (issued just
 * before it on the same connection, {@link TimedCommands#send}). A read serves a stored value
 * only if it is stamped with the stamp read with it: an instance that missed a tag's message
 * still never serves what its invalidation made stale. A leased read judges a value its stamp
 * does not serve again by the tokens as they are then ({@link Reads}, {@link BulkReads}): found
 * after waiting for another instance's fill, the value may be newer than the first tokens. A
 * load (or put) keeps the stamp it read last before its origin call, until it writes with it or
 * ends: its value then carries the tokens from before any invalidation since, and nobody serves
 * it. A stamp is null, and so never current, when a token is not one a tier wrote.
 *
 * <p>For an untagged cache ({@link KeyTags#none()}) it does nothing: no token is read, and values
 * are stored as the codec writes them.
 */
final class KeyTokens<K> {
  /** How long a load keeps its stamp at most: a load slower than this writes nothing to Redis. */
  private static final long KEPT_NANOS = Duration.ofMinutes(10).toNanos();

  /** A stamp a load keeps for its write. */
  private record Held(String redisKey, byte[] stamp, long expiresAtNanos) {}

  private final KeyTags<K> tags;
  private final TagTokens tokens;
  private final TimedCommands redis;
  private final HeldByLoad<Held> held = new HeldByLoad<>(Held::redisKey, Held::expiresAtNanos);

  KeyTokens(KeyTags<K> tags, TagTokens tokens, TimedCommands redis) {
    this.tags = tags;
    this.tokens = tokens;
    this.redis = redis;
  }

  /** Whether the cache's entries carry tags. */
  boolean tagged() {
    return !tags.isNone();
  }

  /**
   * Whether {@code key} carries a tag whose invalidation Redis missed: until it is replayed, the
   * key is neither read nor written there.
   */
  boolean pending(K key) {
    PendingSet pending = tokens.pending();
    if (!tagged() || pending.isEmpty()) {
      return false;
    }
    for (String tag : tags.tagsOf(key)) {
      if (pending.contains(tag)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Issues the reads of the tokens of every tag of {@code keys}, to be awaited after the command
   * that reads the keys is issued; null for an untagged cache.
   */
  TimedCommands.@Nullable Sent<Map<String, byte[]>> send(Collection<? extends K> keys) {
    if (!tagged()) {
      return null;
    }
    Set<String> distinct = new LinkedHashSet<>();
    keys.forEach(key -> distinct.addAll(tags.tagsOf(key)));
    List<String> all = new ArrayList<>(distinct);
    return redis.send("MGET", all.size() == 1 ? tokens.redisKey(all.get(0))
        : all.size() + " tag tokens", commands -> tokens.read(commands, all));
  }

  /** The stamp of {@code key} now: one round trip; null when untagged (see {@link #stampOf}). */
  byte @Nullable [] read(K key) {
    TimedCommands.Sent<Map<String, byte[]>> sent = send(List.of(key));
    return sent == null ? null : stampOf(key, sent.await());
  }

  /** {@code key}'s stamp from its tags' {@code tokens}; null when one is not a tier's token. */
  byte @Nullable [] stampOf(K key, Map<String, byte[]> tokens) {
    List<String> keyTags = tags.tagsOf(key);
    byte[] stamp = new byte[keyTags.size() * TagTokens.LENGTH];
    for (int i = 0; i < keyTags.size(); i++) {
      byte[] token = tokens.get(keyTags.get(i));
      if (token == null || !TagTokens.isToken(token)) {
        return null;
      }
      System.arraycopy(token, 0, stamp, i * TagTokens.LENGTH, TagTokens.LENGTH);
    }
    return stamp;
  }

  /**
   * Whether a value {@code stored} in the cache may be served, given its key's {@code stamp}
   * read with it: in a tagged cache, only if stamped with it; in an untagged one, only if not
   * stamped at all (written while the cache had tags: its tags' invalidations are no longer
   * followed).
   */
  boolean serves(byte[] stored, byte @Nullable [] stamp) {
    if (!tagged()) {
      return !TagHeader.isStamped(stored);
    }
    return stamp != null && TagHeader.isCurrent(stored, stamp);
  }

  /**
   * Whether a value stamped with {@code stamp} may be written: in a tagged cache, only with the
   * stamp read as its load or put began (none: it may be older than an invalidation it missed).
   */
  boolean writable(byte @Nullable [] stamp) {
    return !tagged() || stamp != null;
  }

  /** What to store for {@code payload}: stamped in a tagged cache (see {@link #writable}). */
  byte[] stored(byte @Nullable [] stamp, byte[] payload) {
    if (!tagged()) {
      return payload;
    }
    return TagHeader.stamped(Objects.requireNonNull(stamp, "a tagged value needs its stamp"),
        payload);
  }

  /**
   * Keeps {@code stamp}, read as {@code load} began, for its write to {@code redisKey}, if there is
   * a load and it {@code goesOn} to the origin: only then does it write or give up, and so take its
   * stamp back ({@link StoredEntries#loadGoesOn}).
   */
  void keepFor(@Nullable Object load, String redisKey, byte @Nullable [] stamp, boolean goesOn) {
    if (load != null && goesOn && stamp != null) {
      held.hold(load, new Held(redisKey, stamp, System.nanoTime() + KEPT_NANOS));
    }
  }

  /** The stamp {@code load} kept for {@code redisKey}, forgotten here; null when none. */
  byte @Nullable [] take(Object load, String redisKey) {
    Held stamp = held.take(load, redisKey);
    return stamp == null ? null : stamp.stamp();
  }

  /** How many loads keep a stamp. */
  int kept() {
    return held.size();
  }
}
