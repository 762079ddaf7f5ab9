package io.tiered.spring;

import io.lettuce.core.RedisClient;
import io.tiered.redis.RedisTierFactory;
import io.tiered.redis.RedisTiers;

/**
 * The Redis tier the starter binds to {@code tiered.redis.tier}: the Lettuce client, owned here, and
 * the tier factory on it. Closing closes the factory, then shuts the client down. Names none of
 * Boot's optional Redis types, so that the runtime's configuration can ask for it without them.
 */
final class RedisBinding implements AutoCloseable {
  private final String tier;
  private final RedisClient client;
  private final RedisTierFactory factory;

  private RedisBinding(String tier, RedisClient client, RedisTierFactory factory) {
    this.tier = tier;
    this.client = client;
    this.factory = factory;
  }

  /**
   * Opens the tier factory on {@code client}, which this binding then owns (a Redis that cannot
   * be reached now is retried in the background, as the tier does).
   */
  static RedisBinding open(String tier, TieredProperties.Redis settings, RedisClient client) {
    try {
      RedisTierFactory factory = RedisTiers.builder(client)
          .prefix(settings.prefix())
          .commandTimeout(settings.commandTimeout())
          .build();
      return new RedisBinding(tier, client, factory);
    } catch (RuntimeException failure) {
      client.shutdown();
      throw failure;
    }
  }

  String tier() {
    return tier;
  }

  RedisTierFactory factory() {
    return factory;
  }

  @Override
  public void close() {
    try {
      factory.close();
    } finally {
      client.shutdown();
    }
  }

  @Override
  public String toString() {
    return "RedisBinding[tier=" + tier + ", " + factory + "]";
  }
}
