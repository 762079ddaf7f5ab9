package io.tiered.spring;

import io.tiered.runtime.TierFactory;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Redis tier named by {@code tiered.redis.tier}, on Boot's Redis connection. Imported by the
 * runtime's configuration only, so that Redis is bound only to a runtime the starter makes; skipped
 * (without loading this class's Redis types) when Boot's Redis support or {@code tiered-redis} is
 * absent.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = {
    "org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails",
    "io.tiered.redis.RedisTiers"})
@ConditionalOnProperty("tiered.redis.tier")
@EnableConfigurationProperties(DataRedisProperties.class)
class TieredRedisConfiguration {

  @Bean
  RedisBinding tieredRedisBinding(TieredProperties properties, ListableBeanFactory beans,
      ObjectProvider<DataRedisConnectionDetails> connection, DataRedisProperties boot) {
    TieredProperties.Redis redis = properties.redis();
    String tier = Objects.requireNonNull(redis.tier());
    if (Arrays.asList(beans.getBeanNamesForType(TierFactory.class))
        .contains(tier)) {
      throw new IllegalStateException("Tier '" + tier + "' is bound twice: by"
          + " tiered.redis.tier=" + tier + " (Redis) and by TierFactory bean '" + tier + "' ("
          + typeName(beans.getType(tier)) + "). Bind each tier once: rename the bean or set"
          + " tiered.redis.tier to another tier.");
    }
    DataRedisConnectionDetails details = connection.getIfAvailable();
    if (details == null) {
      throw new IllegalStateException("tiered.redis.tier=" + tier + " connects through"
          + " Boot's DataRedisConnectionDetails, and the context has none: keep"
          + " DataRedisAutoConfiguration enabled, or define a DataRedisConnectionDetails bean");
    }
    return RedisBinding.open(tier, redis, BootRedisClients.create(details, boot));
  }

  private static String typeName(@Nullable Class<?> type) {
    return type == null ? "type unknown" : type.getName();
  }
}
