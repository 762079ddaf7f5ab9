package io.tiered.benchmarks;

import io.tiered.redis.RedisTiers;
import java.util.function.Function;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.serializer.JacksonJsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;

/**
 * Spring's {@code @Cacheable} on a {@link RedisCacheManager} (Spring Data Redis on Lettuce), as
 * Spring Boot configures it with a JSON value serializer: no L1, every call a Redis round trip.
 * Values are written by Jackson 3 with the same mapper as Tiered's and the hand-written codec, as
 * the bare value (Spring keeps no cached-at or ttl beside it); ttl 10 minutes.
 *
 * <p>Spring Data Redis 4 writes a cache put asynchronously when the connection factory can (as
 * Lettuce's can): the call returns before Redis acknowledged the write. {@code acknowledged}
 * configures {@code immediateWrites()}, so that its miss + fill waits for Redis as the other
 * contenders' do.
 */
final class SpringRedisContenders {
  private SpringRedisContenders() {}

  /** A started context on the server at {@code port}; close it after the benchmark. */
  static AnnotationConfigApplicationContext start(int port, boolean acknowledged,
      Function<String, Price> origin) {
    AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
    context.registerBean("redisPort", Integer.class, () -> port);
    context.registerBean("acknowledged", Boolean.class, () -> acknowledged);
    context.registerBean("origin", Function.class, () -> origin);
    context.register(Config.class);
    context.refresh();
    return context;
  }

  @Configuration
  @EnableCaching
  static class Config {
    @Bean
    LettuceConnectionFactory redisConnectionFactory(Integer redisPort) {
      return new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redisPort));
    }

    @Bean
    RedisCacheManager cacheManager(LettuceConnectionFactory connections, Boolean acknowledged) {
      RedisCacheWriter writer = RedisCacheWriter.create(connections,
          configurer -> configurer.immediateWrites(acknowledged));
      RedisCacheConfiguration prices = RedisCacheConfiguration.defaultCacheConfig()
          .entryTtl(TwoLevelRedis.TTL)
          .serializeValuesWith(SerializationPair.fromSerializer(
              new JacksonJsonRedisSerializer<>(RedisTiers.defaultJsonMapper(), Price.class)));
      return RedisCacheManager.builder(writer).cacheDefaults(prices).build();
    }

    @Bean
    @SuppressWarnings("unchecked")
    SpringRedisPriceService springRedisPriceService(Function<?, ?> origin) {
      return new SpringRedisPriceService((Function<String, Price>) origin);
    }
  }

  static class SpringRedisPriceService {
    private final Function<String, Price> origin;

    SpringRedisPriceService(Function<String, Price> origin) {
      this.origin = origin;
    }

    @Cacheable("redis-prices")
    public Price price(String sku) {
      return origin.apply(sku);
    }
  }
}
