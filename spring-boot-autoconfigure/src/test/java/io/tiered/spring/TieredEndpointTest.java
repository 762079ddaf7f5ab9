package io.tiered.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.tiered.runtime.TierFactory;
import io.tiered.runtime.TieredCache;
import io.tiered.runtime.internal.CacheDefinition;
import io.tiered.runtime.TieredRuntime;
import io.tiered.runtime.Tiers;
import io.tiered.spring.TieredEndpoint.CacheDescriptor;
import io.tiered.spring.services.CountingPrices;
import io.tiered.spring.services.CountingQuotes;
import io.tiered.spring.services.PriceService;
import io.tiered.spring.services.TieredPriceService;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class TieredEndpointTest {
  private final CountingPrices origin = new CountingPrices();
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(
          TieredAutoConfiguration.class, TieredEndpointAutoConfiguration.class))
      .withBean("prices", CountingPrices.class, () -> origin)
      .withPropertyValues("management.endpoints.web.exposure.include=tiered");

  @Test
  void listsEachProxyBeansCachesPerTier() {
    ApplicationContextRunner withQuotes = runner.withBean("quotes", CountingQuotes.class)
        .withBean("shared", TierFactory.class, Tiers::memory);
    withQuotes.run(context -> {
      context.getBean(PriceService.class).price("sku-1");
      context.getBean(PriceService.class).price("sku-1");

      TieredEndpoint.ProxiesDescriptor proxies = context.getBean(TieredEndpoint.class).proxies();

      assertThat(proxies.proxies()).containsOnlyKeys("prices", "quotes");
      CacheDescriptor price = proxies.proxies().get("prices").caches().get("PriceService.price");
      assertThat(price.requests()).isEqualTo(2);
      assertThat(price.loads()).isEqualTo(1);
      assertThat(price.tiers()).containsOnlyKeys("l1");
      assertThat(price.tiers().get("l1").hits()).isEqualTo(1);
      assertThat(price.tiers().get("l1").size()).isEqualTo(1);
      assertThat(proxies.proxies().get("quotes").caches().get("QuoteService.quote").tiers())
          .containsOnlyKeys("l1", "shared");
    });
  }

  @Test
  void listsProxiesTheApplicationDefinesItself() {
    runner.withUserConfiguration(HandMadeProxy.class)
        .withPropertyValues("tiered.excluded-beans=prices")
        .run(context -> assertThat(context.getBean(TieredEndpoint.class).proxies().proxies())
            .containsOnlyKeys("handMade"));
  }

  @Test
  void invalidatesOneCacheByName() {
    runner.run(context -> {
      PriceService prices = context.getBean(PriceService.class);
      prices.price("sku-1");

      TieredEndpoint.InvalidatedDescriptor invalidated =
          context.getBean(TieredEndpoint.class).invalidate("PriceService.price");
      prices.price("sku-1");

      assertThat(invalidated.beans()).containsExactly("prices");
      assertThat(origin.calls()).isEqualTo(2);
    });
  }

  @Test
  void anUnknownCacheIsAnInvalidRequestListingTheCaches() {
    runner.run(context -> assertThatExceptionOfType(InvalidEndpointRequestException.class)
        .isThrownBy(() -> context.getBean(TieredEndpoint.class).invalidate("Nope.nope"))
        .withMessageContaining("[PriceService.price]"));
  }

  @Test
  void isAbsentUnlessExposed() {
    runner.withPropertyValues("management.endpoints.web.exposure.include=health")
        .run(context -> assertThat(context).doesNotHaveBean(TieredEndpoint.class));
  }

  @Test
  void isAbsentWithoutActuator() {
    runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TieredEndpoint.class));
  }

  @Configuration(proxyBeanMethods = false)
  static class HandMadeProxy {
    @Bean
    TieredPriceService handMade(TieredRuntime runtime) {
      return new TieredPriceService(new CountingPrices(), runtime);
    }
  }

  @Test
  void invalidatesATagInEveryCacheOfTheRuntime() {
    runner.run(context -> {
      TieredRuntime runtime = context.getBean(TieredRuntime.class);
      AtomicInteger loads = new AtomicInteger();
      TieredCache<String, String> cache = runtime.cache(
          CacheDefinition.<String, String>builder("Tagged.get", String.class, String.class)
              .tags(sku -> List.of("product:" + sku))
              .build(),
          sku -> sku + "@" + loads.incrementAndGet());
      cache.get("sku-1");
      cache.get("sku-2");

      TieredEndpoint.TagInvalidatedDescriptor invalidated =
          context.getBean(TieredEndpoint.class).invalidateTag("product:sku-1");

      assertThat(invalidated.runtimes()).containsExactly("tieredRuntime");
      assertThat(cache.get("sku-1")).isEqualTo("sku-1@3");
      assertThat(cache.get("sku-2")).isEqualTo("sku-2@2");
    });
  }

  @Test
  void rejectsABlankTag() {
    runner.run(context -> assertThatExceptionOfType(InvalidEndpointRequestException.class)
        .isThrownBy(() -> context.getBean(TieredEndpoint.class).invalidateTag(" "))
        .withMessageContaining("{\"tag\": \"product:sku-1\"}"));
  }
}
