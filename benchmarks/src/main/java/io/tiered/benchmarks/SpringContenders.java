package io.tiered.benchmarks;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Spring Framework's {@code @Cacheable} on a {@link CaffeineCacheManager}: plain context, no Boot. */
final class SpringContenders {
  private SpringContenders() {}

  /** A started context; close it after the benchmark. */
  static AnnotationConfigApplicationContext start() {
    return new AnnotationConfigApplicationContext(Config.class);
  }

  @Configuration
  @EnableCaching
  static class Config {
    @Bean
    CacheManager cacheManager() {
      CaffeineCacheManager manager = new CaffeineCacheManager();
      manager.setCaffeine(Caffeine.newBuilder().maximumSize(100_000));
      return manager;
    }

    @Bean
    PriceService springPriceService() {
      return new SpringPriceService(new OriginPriceService());
    }

    @Bean
    SlowService springSyncSlowService() {
      return new SpringSyncSlowService();
    }

    @Bean
    SlowService springUnsyncedSlowService() {
      return new SpringUnsyncedSlowService();
    }
  }

  static class SpringPriceService implements PriceService {
    private final PriceService origin;

    SpringPriceService(PriceService origin) {
      this.origin = origin;
    }

    @Override
    @Cacheable("prices")
    public Price price(String sku) {
      return origin.price(sku);
    }

    @Override
    @Cacheable("quotes")
    public Price quote(String sku, String region, int quantity) {
      return origin.quote(sku, region, quantity);
    }
  }

  static class SpringSyncSlowService implements SlowService {
    @Override
    @Cacheable(cacheNames = "slow-sync", sync = true)
    public Price load(String key) {
      return SlowOrigin.slowLoad(key);
    }
  }

  static class SpringUnsyncedSlowService implements SlowService {
    @Override
    @Cacheable("slow-unsynced")
    public Price load(String key) {
      return SlowOrigin.slowLoad(key);
    }
  }
}
