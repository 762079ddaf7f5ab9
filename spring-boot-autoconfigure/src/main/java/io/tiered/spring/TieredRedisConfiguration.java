package io.tiered.spring;

import io.lettuce.core.resource.ClientResources;
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
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The Redis tier named by {@code tiered.redis.tier}, on Boot's Redis connection. Imported by the
 * runtime's configuration only, so that Redis is bound only to a runtime the starter makes; skipped
 * (without loading this class's Redis types) when Boot's Redis support or {@code tiered-redis} is
 * absent.
 *
 * <p>Tiered's tier runs on a Lettuce client of its own, made as Boot makes its Redis connection:
 * to where {@link DataRedisConnectionDetails} say (one server, the master a Sentinel names, or a
 * cluster), with the {@link LettuceClientConfiguration} Boot built for its
 * {@link LettuceConnectionFactory}. That configuration carries the application's
 * {@code ClientResources} bean and what {@code spring.data.redis.*}, every
 * {@link LettuceClientConfigurationBuilderCustomizer} and every
 * {@link LettuceClientOptionsBuilderCustomizer} set (SSL, timeouts, client name, cluster topology
 * refresh). When the application's connection factory is another (Jedis's, or its own),
 * {@link PropertiesLettuceConfiguration} builds the same from those properties, beans and
 * customizers.
 *
 * <p>The client is not the connection factory's native one: the factory is a
 * {@code SmartLifecycle} that shuts its client down when the context stops, before the runtime
 * (and its tier) closes, and replaces it on a stop and a start, which would leave the tier on a
 * client that is gone. Only the client resources are shared; Boot shuts them down after the tier
 * is closed, as they were made before it.
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
      ObjectProvider<DataRedisConnectionDetails> connection, DataRedisProperties boot,
      ObjectProvider<RedisConnectionFactory> connectionFactory,
      ObjectProvider<ClientResources> clientResources,
      ObjectProvider<LettuceClientOptionsBuilderCustomizer> optionsCustomizers,
      ObjectProvider<LettuceClientConfigurationBuilderCustomizer> customizers,
      ObjectProvider<RedisMapperChoice> mapper) {
    TieredProperties.Redis redis = properties.redis();
    String tier = Objects.requireNonNull(redis.tier());
    requireUnbound(tier, beans);
    DataRedisConnectionDetails details = connection.getIfAvailable();
    if (details == null) {
      throw new IllegalStateException("tiered.redis.tier=" + tier + " connects through"
          + " Boot's DataRedisConnectionDetails, and the context has none: keep"
          + " DataRedisAutoConfiguration enabled, or define a DataRedisConnectionDetails bean");
    }
    LettuceClientConfiguration lettuce =
        connectionFactory.getIfUnique() instanceof LettuceConnectionFactory bootFactory
            ? bootFactory.getClientConfiguration()
            : PropertiesLettuceConfiguration.build(boot, details, clientResources.getIfUnique(),
                optionsCustomizers.orderedStream(), customizers.orderedStream());
    return RedisBinding.open(tier, redis, BootRedisClients.create(details, boot, lettuce),
        mapper.getIfAvailable(() -> builder -> builder));
  }

  private static void requireUnbound(String tier, ListableBeanFactory beans) {
    if (Arrays.asList(beans.getBeanNamesForType(TierFactory.class)).contains(tier)) {
      throw new IllegalStateException("Tier '" + tier + "' is bound twice: by"
          + " tiered.redis.tier=" + tier + " (Redis) and by TierFactory bean '" + tier + "' ("
          + typeName(beans.getType(tier)) + "). Bind each tier once: rename the bean or set"
          + " tiered.redis.tier to another tier.");
    }
  }

  private static String typeName(@Nullable Class<?> type) {
    return type == null ? "type unknown" : type.getName();
  }
}
