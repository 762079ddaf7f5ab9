package io.tiered.redis;

import io.tiered.runtime.TierFactory;

/**
 * A {@link TierFactory} whose tiers share one Redis connection, and one pub/sub connection that
 * relays invalidations between instances. Made by {@link RedisTiers}; bind it with
 * {@code TieredRuntime.builder().tier("shared", factory)}.
 *
 * <p>{@link #invalidateTag} gives the tag a new token in Redis ({@code <prefix>:%tag:<tag>}), then
 * tells the other instances and this factory's runtimes; a tagged cache's entries carry the tokens
 * their tags had when their load began, and are served only while those are current, so an
 * instance that missed the message never serves an invalidated entry from Redis. A tag Redis
 * misses is replayed once it answers, and meanwhile no key carrying it is read or written there.
 *
 * <p>Close it after the runtimes that use it: closing drops its two connections (not the
 * {@code RedisClient}, which the caller owns), after which its tiers count as misses.
 */
public interface RedisTierFactory extends TierFactory, AutoCloseable {

  /** Closes the factory's connections; idempotent. */
  @Override
  void close();
}
