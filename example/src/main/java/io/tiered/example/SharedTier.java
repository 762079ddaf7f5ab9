package io.tiered.example;

import io.lettuce.core.RedisClient;
import io.tiered.redis.RedisTierFactory;
import io.tiered.redis.RedisTiers;
import io.tiered.runtime.TierFactory;
import io.tiered.runtime.Tiers;

/**
 * The tier bound to {@code @Fallback(tier = "shared")}: in memory by default, or a Redis when
 * {@code TIERED_REDIS_URI} names one (for example {@code redis://127.0.0.1:6379}).
 */
final class SharedTier implements AutoCloseable {
  static final String REDIS_URI_VARIABLE = "TIERED_REDIS_URI";

  private final TierFactory factory;
  private final String description;
  private final AutoCloseable resources;

  private SharedTier(TierFactory factory, String description, AutoCloseable resources) {
    this.factory = factory;
    this.description = description;
    this.resources = resources;
  }

  static SharedTier fromEnvironment() {
    String uri = System.getenv(REDIS_URI_VARIABLE);
    if (uri == null || uri.isBlank()) {
      return new SharedTier(Tiers.memory(), "in memory (set " + REDIS_URI_VARIABLE
          + " to share a Redis)", () -> {});
    }
    RedisClient client = RedisClient.create(uri);
    RedisTierFactory redis = RedisTiers.factory(client);
    return new SharedTier(redis, "Redis at " + uri, () -> {
      redis.close();
      client.shutdown();
    });
  }

  TierFactory factory() {
    return factory;
  }

  String description() {
    return description;
  }

  @Override
  public void close() throws Exception {
    resources.close();
  }
}
