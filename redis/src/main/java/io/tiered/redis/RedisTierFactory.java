package io.tiered.redis;

import io.tiered.runtime.TierFactory;

/**
 * A {@link TierFactory} whose tiers share one Redis connection, and one pub/sub connection that
 * relays invalidations between instances. Made by {@link RedisTiers}; bind it with
 * {@code TieredRuntime.builder().tier("shared", factory)}.
 *
 * <p>Close it after the runtimes that use it: closing drops its two connections (not the
 * {@code RedisClient}, which the caller owns), after which its tiers count as misses.
 */
public interface RedisTierFactory extends TierFactory, AutoCloseable {

  /** Closes the factory's connections; idempotent. */
  @Override
  void close();
}
