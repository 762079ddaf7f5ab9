package io.tiered.spring;

import io.lettuce.core.RedisClient;
import io.tiered.redis.RedisTierFactory;
import io.tiered.redis.RedisTiers;

/**
 * The Redis tier the starter binds to {@code tiered.redis.tier}: the Lettuce client, owned here,
 * and the tier factory on it. Closing closes the factory, then shuts the client down.
 */
record RedisBinding(String tier, RedisClient client, RedisTierFactory factory)
    implements TierBinding, AutoCloseable {

  /**
   * Opens the tier factory on {@code client}, which this binding then owns (a Redis that cannot
   * be reached now is retried in the background, as the tier does).
   */
  static RedisBinding open(String tier, TieredProperties.Redis settings, RedisClient client) {
    try {
      RedisTierFactory factory = RedisTiers.builder(client)
          .prefix(settings.prefix())
          .commandTimeout(settings.commandTimeout())
          .skipAfterTimeout(settings.skipAfterTimeout())
          .leases(settings.leaseMaxWait(), settings.leaseTime())
          .build();
      return new RedisBinding(tier, client, factory);
    } catch (RuntimeException failure) {
      client.shutdown();
      throw failure;
    }
  }

  @Override
  public void close() {
    try {
      factory.close();
    } finally {
      client.shutdown();
    }
  }
}
