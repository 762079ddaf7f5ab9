package io.tiered.spring;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The Actuator endpoint {@link TieredEndpoint} ({@code tiered}), when Actuator is on the class
 * path and the endpoint is enabled and exposed ({@code management.endpoints.web.exposure.include}).
 */
@AutoConfiguration(after = TieredAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
public final class TieredEndpointAutoConfiguration {

  /** Created by Spring Boot's auto-configuration. */
  public TieredEndpointAutoConfiguration() {}

  /** Conditional here, not on the class, whose conditions are read before Actuator is known. */
  @Bean
  @ConditionalOnAvailableEndpoint
  @ConditionalOnMissingBean
  TieredEndpoint tieredEndpoint(ListableBeanFactory beans) {
    return new TieredEndpoint(beans);
  }
}
