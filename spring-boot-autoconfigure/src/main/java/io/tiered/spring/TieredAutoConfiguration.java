package io.tiered.spring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.tiered.micrometer.TieredMetrics;
import io.tiered.micrometer.TieredObservations;
import io.tiered.runtime.CacheEventListener;
import io.tiered.runtime.InsertPolicy;
import io.tiered.runtime.TierFactory;
import io.tiered.runtime.TieredRuntime;
import java.util.List;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Tiered in a Spring Boot application:
 *
 * <ul>
 *   <li>a {@link TieredRuntime} bean, unless the application defines one, with every
 *       {@link TierFactory} bean bound as a tier under its bean name, the Redis tier named by
 *       {@code tiered.redis.tier} (on Boot's {@code spring.data.redis.*} connection), every
 *       {@link CacheEventListener} bean as a listener, an {@link InsertPolicy} bean, and every
 *       {@link TieredRuntimeCustomizer} applied; closed with the context;
 *   <li>{@link TieredMetrics} on the application's {@link MeterRegistry}, when it has one and
 *       {@code tiered-micrometer} is present;
 *   <li>{@link TieredObservations} on the application's {@code ObservationRegistry}, likewise:
 *       every origin call a {@code tiered.load} observation under the caller's, and refreshes
 *       run with the context of the request that triggered them;
 *   <li>every bean that implements an interface with a generated proxy wrapped in that proxy
 *       ({@code tiered.enabled=false} turns this off), and a start failure for a bean of a
 *       {@code @Tiered} interface whose proxy was never generated.
 * </ul>
 *
 * <p>The Actuator endpoint is {@link TieredEndpointAutoConfiguration}'s.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure"
        + ".CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"})
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
      ObjectProvider<ProxyMonitor> monitors, Environment environment) {
    Binder properties = Binder.get(environment);
    return new TieredProxyPostProcessor(runtime, monitors,
        properties.bind("tiered.excluded-beans", Bindable.listOf(String.class)).orElse(List.of()),
        properties.bind("tiered.require-proxies", Boolean.class).orElse(true));
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingBean(TieredRuntime.class)
  @Import(TieredRedisConfiguration.class)
  static final class RuntimeConfiguration {

    @Bean
    TieredRuntime tieredRuntime(TieredProperties properties, ListableBeanFactory beans,
        ObjectProvider<TierBinding> bindings, ObjectProvider<CacheEventListener> listeners,
        ObjectProvider<InsertPolicy> insertPolicy,
        ObjectProvider<TieredRuntimeCustomizer> customizers) {
      TieredRuntime.Builder runtime = TieredRuntime.builder();
      beans.getBeansOfType(TierFactory.class)
          .forEach((name, factory) -> bind(runtime, name, factory));
      String redisTier = properties.redis().tier();
      if (redisTier != null) {
        TierBinding binding = bindings.getIfAvailable();
        if (binding == null) {
          throw new IllegalStateException("tiered.redis.tier=" + redisTier + " binds a tier to"
              + " Redis through Boot's Redis connection (spring.data.redis.*), which needs"
              + " spring-boot-starter-data-redis and tiered-redis on the class path (with"
              + " DataRedisAutoConfiguration not excluded)");
        }
        runtime.tier(binding.tier(), binding.factory());
      }
      listeners.orderedStream().forEach(runtime::listener);
      insertPolicy.ifUnique(runtime::insertPolicy);
      Integer refreshConcurrency = properties.refreshConcurrency();
      if (refreshConcurrency != null) {
        runtime.refreshConcurrency(refreshConcurrency);
      }
      customizers.orderedStream().forEach(customizer -> customizer.customize(runtime));
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
  }

  /** Skipped, without loading Micrometer's or tiered-micrometer's types, when either is absent. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {
      "io.micrometer.core.instrument.MeterRegistry", "io.tiered.micrometer.TieredMetrics"})
  @ConditionalOnSingleCandidate(MeterRegistry.class)
  static final class MetricsConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TieredMetrics tieredMetrics(MeterRegistry registry) {
      return TieredMetrics.of(registry);
    }

    /** The meters of every proxy the starter makes, in its runtime or the application's. */
    @Bean
    ProxyMonitor tieredMetricsMonitor(ObjectProvider<TieredMetrics> metrics) {
      return proxy -> metrics.ifAvailable(registered -> registered.monitor(proxy));
    }
  }

  /**
   * Skipped, without loading Micrometer Observation's or tiered-micrometer's types, when either is
   * absent. A customizer, so that it applies to the starter's runtime only: an application that
   * defines its own runtime binds its instrumentation itself.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {
      "io.micrometer.observation.ObservationRegistry", "io.tiered.micrometer.TieredObservations"})
  @ConditionalOnSingleCandidate(type = "io.micrometer.observation.ObservationRegistry")
  static final class ObservationConfiguration {

    @Bean
    TieredRuntimeCustomizer tieredObservations(ObservationRegistry registry) {
      return runtime -> runtime.instrumentation(TieredObservations.of(registry));
    }
  }
}
