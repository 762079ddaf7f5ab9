package io.tiered.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.tiered.runtime.TierSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The invalidations of one cache's Redis tier, in both directions: its own (UNLINK, then a message
 * to the other instances and the sibling tiers; SCAN for every key), remembered in
 * {@link PendingInvalidations} when Redis misses them and replayed later; and the other
 * instances', which drop keys from the tiers in front of this one.
 */
final class Invalidations<K> implements InvalidationBus.Member {
  private static final System.Logger LOG = System.getLogger(Invalidations.class.getName());
  /** How many keys a SCAN asks for at a time. */
  private static final int SCAN_BATCH = 500;

  private final TierSpec<K, ?> spec;
  private final KeyFormat<K> keys;
  private final TimedCommands redis;
  private final InvalidationBus bus;
  private final PendingInvalidations pending;

  Invalidations(TierSpec<K, ?> spec, KeyFormat<K> keys, TimedCommands redis, InvalidationBus bus,
      PendingInvalidations pending) {
    this.spec = spec;
    this.keys = keys;
    this.redis = redis;
    this.bus = bus;
    this.pending = pending;
  }

  @Override
  public String cacheName() {
    return spec.cacheName();
  }

  /** One UNLINK of every key and one invalidation message for the batch. */
  void invalidateAll(Iterable<? extends K> batch) {
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
   */
  private void unlinkAndPublish(List<String> encodedKeys) {
    String[] redisKeys = encodedKeys.stream().map(keys::namespaced).toArray(String[]::new);
    String described = redisKeys.length == 1 ? redisKeys[0] : redisKeys.length + " keys";
    // UNLINK before PUBLISH: when another instance hears of it, it is gone (and its lease too).
    changedThenPublish("UNLINK", described, encodedKeys, commands -> commands.unlink(redisKeys));
  }

  /**
   * Tells the other instances and the sibling tiers that {@code encodedKey} changed in Redis, for
   * them to drop it from their L1. A message Redis did not take is replayed as an invalidation.
   */
  void announce(String encodedKey) {
    try {
      changedThenPublish("PUBLISH", keys.namespaced(encodedKey), List.of(encodedKey),
          commands -> CompletableFuture.completedFuture(null));
    } catch (RedisTierException missed) {
      pending.add(encodedKey);
      throw missed;
    }
  }

  /**
   * Runs {@code change} of {@code encodedKeys}, then publishes that they changed, down one
   * connection in that order; then tells the sibling tiers, even when Redis failed: their L1s may
   * hold the old values.
   */
  private void changedThenPublish(String command, String described, List<String> encodedKeys,
      Function<RedisClusterAsyncCommands<String, byte[]>, CompletionStage<?>> change) {
    byte[] message = bus.message(this, encodedKeys);
    try {
      redis.run(command, described, commands -> bus.publishAfter(commands,
          change.apply(commands), encodedKeys.get(0), message));
    } finally {
      bus.tellSiblings(this, encodedKeys);
    }
  }

  void clear() {
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
  @Override
  public void replayPending() {
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
  @Override
  public void dropUpstream(@Nullable List<String> encodedKeys) {
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
  public void tagInvalidated(String tag) {
    spec.upstream().invalidateTag(tag);
  }

  @Override
  public String toString() {
    return "RedisTier[" + spec.cacheName() + "]"; // as its tier, in the replayer's log
  }
}
