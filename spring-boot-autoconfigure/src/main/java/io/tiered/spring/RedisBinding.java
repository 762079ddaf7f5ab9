package io.tiered.spring;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import io.tiered.redis.RedisTierFactory;
import io.tiered.redis.RedisTiers;

/**
 * The Redis tier the starter binds to {@code tiered.redis.tier}: the Lettuce client Tiered
 * created (a {@link RedisClient} or a {@link RedisClusterClient}), owned here, and the tier
 * factory on it. Closing closes the factory, then shuts the client down, which leaves the client
 * resources it was given (Boot's {@code ClientResources} bean) to their owner.
 */
record RedisBinding(String tier, AbstractRedisClient client, RedisTierFactory factory)
    implements TierBinding, AutoCloseable {

  /**
   * Opens the tier factory on {@code client}, which this binding then owns (a Redis that cannot
   * be reached now is retried in the background, as the tier does).
   */
  static RedisBinding open(String tier, TieredProperties.Redis settings,
      AbstractRedisClient client, RedisMapperChoice mapper) {
    try {
      RedisTierFactory factory = mapper.applyTo(builder(client))
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

  private static RedisTiers.Builder builder(AbstractRedisClient client) {
    return switch (client) {
      case RedisClusterClient cluster -> RedisTiers.builder(cluster);
      case RedisClient server -> RedisTiers.builder(server);
      default -> throw new IllegalArgumentException("No Redis tier for a "
          + client.getClass().getName() + ": pass a RedisClient or a RedisClusterClient");
    };
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
