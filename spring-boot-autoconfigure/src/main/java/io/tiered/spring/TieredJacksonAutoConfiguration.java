package io.tiered.spring;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/**
 * With Jackson 3 (Spring Boot 4's), the application's {@code JsonMapper} bean encodes the Redis
 * tier's keys and values, so its modules, mix-ins and {@code spring.jackson.*} settings apply to
 * cached values. An auto-configuration of its own, read by name, so that an application without
 * Jackson 3 never loads it (the tier then uses its default: Jackson 2 when present).
 */
@AutoConfiguration
@ConditionalOnClass(name = {"tools.jackson.databind.json.JsonMapper", "io.tiered.redis.RedisTiers"})
public final class TieredJacksonAutoConfiguration {

  /** Created by Spring Boot's auto-configuration. */
  public TieredJacksonAutoConfiguration() {}

  @Bean
  RedisMapperChoice tieredRedisJsonMapper(ObjectProvider<JsonMapper> mapper) {
    return builder -> {
      JsonMapper application = mapper.getIfUnique();
      return application == null ? builder : builder.jsonMapper(application);
    };
  }
}
