package io.tiered.benchmarks;

import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.List;
import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Spring Framework's {@code @Cacheable} on a {@link CaffeineCacheManager}: plain context, no Boot. */
final class SpringContenders {
  private SpringContenders() {}

  /** A started context with the setting's caches; close it after the benchmark. */
  static AnnotationConfigApplicationContext start(Setting setting) {
    AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
    context.registerBean(Setting.class, () -> setting);
    context.register(Config.class);
    context.refresh();
    if (setting.metered()) {
      // What Spring Boot's cache metrics do: Micrometer's binder over each native Caffeine cache.
      CaffeineCacheManager manager = context.getBean(CaffeineCacheManager.class);
      for (String name : manager.getCacheNames()) {
        CaffeineCache cache = (CaffeineCache) manager.getCache(name);
        CaffeineCacheMetrics.monitor(setting.registry, cache.getNativeCache(), name);
      }
    }
    return context;
  }

  /** A started context with neither expiry nor metrics. */
  static AnnotationConfigApplicationContext start() {
    Setting plain = new Setting();
    plain.ttl = "none";
    plain.metrics = "off";
    return start(plain);
  }

  @Configuration
  @EnableCaching
  static class Config {
    @Bean
    CaffeineCacheManager cacheManager(Setting setting) {
      CaffeineCacheManager manager = new CaffeineCacheManager();
      manager.setCaffeine(setting.caffeine());
      manager.setCacheNames(List.of("prices", "quotes", "slow-sync", "slow-unsynced"));
      return manager;
    }

    @Bean
    PriceLookup springPriceService() {
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

  static class SpringPriceService implements PriceLookup {
    private final PriceLookup origin;

    SpringPriceService(PriceLookup origin) {
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
