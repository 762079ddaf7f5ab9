package io.tiered.spring;

import io.micrometer.core.instrument.MeterRegistry;
import io.tiered.micrometer.TieredMetrics;
import io.tiered.runtime.CacheEventListener;
import io.tiered.runtime.TierFactory;
import io.tiered.runtime.TieredRuntime;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Tiered in a Spring Boot application:
 *
 * <ul>
 *   <li>a {@link TieredRuntime} bean, unless the application defines one, with every
 *       {@link TierFactory} bean bound as a tier under its bean name, the Redis tier named by
 *       {@code tiered.redis.tier} (on Boot's {@code spring.data.redis.*} connection), and every
 *       {@link CacheEventListener} bean as a listener; closed with the context;
 *   <li>{@link TieredMetrics} on the application's {@link MeterRegistry}, when it has one;
 *   <li>every bean that implements an interface with a generated proxy wrapped in that proxy
 *       ({@code tiered.enabled=false} turns this off).
 * </ul>
 *
 * <p>The Actuator endpoint is {@link TieredEndpointAutoConfiguration}'s.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure"
        + ".CompositeMeterRegistryAutoConfiguration"})
@EnableConfigurationProperties(TieredProperties.class)
public final class TieredAutoConfiguration {

  /** Created by Spring Boot's auto-configuration. */
  public TieredAutoConfiguration() {}

  /**
   * Static, and given only lazy providers and the environment, so that declaring it creates no
   * other bean early (which would then miss post-processing).
   */
  @Bean
  @ConditionalOnBooleanProperty(name = "tiered.enabled", matchIfMissing = true)
  static TieredProxyPostProcessor tieredProxyPostProcessor(ObjectProvider<TieredRuntime> runtime,
      ObjectProvider<TieredMetrics> metrics, Environment environment) {
    return new TieredProxyPostProcessor(runtime, metrics, Binder.get(environment)
        .bind("tiered.excluded-beans", Bindable.listOf(String.class))
        .orElse(List.of()));
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingBean(TieredRuntime.class)
  static final class RuntimeConfiguration {

    @Bean
    TieredRuntime tieredRuntime(TieredProperties properties, ListableBeanFactory beans,
        ObjectProvider<RedisBinding> redis, ObjectProvider<CacheEventListener> listeners) {
      TieredRuntime.Builder runtime = TieredRuntime.builder();
      beans.getBeansOfType(TierFactory.class)
          .forEach((name, factory) -> bind(runtime, name, factory));
      String redisTier = properties.redis().tier();
      if (redisTier != null) {
        RedisBinding binding = redis.getIfAvailable();
        if (binding == null) {
          throw new IllegalStateException("tiered.redis.tier=" + redisTier + " binds a tier to"
              + " Redis through Boot's Redis connection (spring.data.redis.*), which needs"
              + " spring-boot-starter-data-redis on the class path (with its auto-configuration"
              + " not excluded)");
        }
        runtime.tier(binding.tier(), binding.factory());
      }
      listeners.orderedStream().forEach(runtime::listener);
      return runtime.build();
    }

    private static void bind(TieredRuntime.Builder runtime, String name, TierFactory factory) {
      try {
        runtime.tier(name, factory);
      } catch (IllegalArgumentException badName) {
        throw new IllegalStateException("TierFactory bean '" + name + "' cannot be bound as a"
            + " tier under its bean name: " + badName.getMessage(), badName);
      }
    }

    /** Nested, so that Redis is bound only to a runtime the starter makes. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(DataRedisConnectionDetails.class)
    @ConditionalOnProperty("tiered.redis.tier")
    @EnableConfigurationProperties(DataRedisProperties.class)
    static final class RedisConfiguration {

      @Bean
      RedisBinding tieredRedisBinding(TieredProperties properties, ListableBeanFactory beans,
          ObjectProvider<DataRedisConnectionDetails> connection, DataRedisProperties boot) {
        TieredProperties.Redis redis = properties.redis();
        String tier = Objects.requireNonNull(redis.tier());
        if (Arrays.asList(beans.getBeanNamesForType(TierFactory.class)).contains(tier)) {
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
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MeterRegistry.class)
  @ConditionalOnSingleCandidate(MeterRegistry.class)
  static final class MetricsConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TieredMetrics tieredMetrics(MeterRegistry registry) {
      return TieredMetrics.of(registry);
    }
  }
}
