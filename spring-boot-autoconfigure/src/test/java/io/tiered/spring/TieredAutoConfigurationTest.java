package io.tiered.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.tiered.runtime.CacheEvent;
import io.tiered.runtime.InsertPolicy;
import io.tiered.runtime.TierFactory;
import io.tiered.runtime.TieredProxy;
import io.tiered.runtime.TieredRuntime;
import io.tiered.runtime.testing.MockTier;
import io.tiered.spring.services.CountingPrices;
import io.tiered.spring.services.CountingQuotes;
import io.tiered.spring.services.PriceService;
import io.tiered.spring.services.PricesAndStock;
import io.tiered.spring.services.QuoteService;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;

class TieredAutoConfigurationTest {
  private final CountingPrices origin = new CountingPrices();
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(TieredAutoConfiguration.class));
  private final ApplicationContextRunner prices =
      runner.withBean("prices", CountingPrices.class, () -> origin);
  private final ApplicationContextRunner quotes =
      runner.withBean("quotes", CountingQuotes.class, CountingQuotes::new);

  @Test
  void injectsTheProxyAroundABeanOfACachedInterface() {
    prices.withUserConfiguration(Checkout.class).run(context -> {
      Checkout checkout = context.getBean(Checkout.class);
      assertThat(checkout.prices).isInstanceOf(TieredProxy.class)
          .isSameAs(context.getBean(PriceService.class));

      checkout.prices.price("sku-1");
      checkout.prices.price("sku-1");

      assertThat(origin.calls()).isEqualTo(1);
    });
  }

  @Test
  void leavesBeansUnwrappedWhenDisabled() {
    prices.withPropertyValues("tiered.enabled=false").run(context -> {
      assertThat(context).doesNotHaveBean(TieredProxyPostProcessor.class);
      assertThat(context.getBean(PriceService.class)).isInstanceOf(CountingPrices.class);
    });
  }

  @Test
  void leavesExcludedBeansUnwrapped() {
    prices.withPropertyValues("tiered.excluded-beans=prices").run(context ->
        assertThat(context.getBean(PriceService.class)).isInstanceOf(CountingPrices.class));
  }

  @Test
  void wrapsInTheApplicationsRuntimeWhenItDefinesOne() {
    prices.withUserConfiguration(ApplicationRuntime.class).run(context -> {
      assertThat(context).hasSingleBean(TieredRuntime.class);
      assertThat(context.getBean(TieredRuntime.class))
          .isSameAs(context.getBean(ApplicationRuntime.class).runtime);

      context.getBean(PriceService.class).price("sku-1");

      assertThat(context.getBean(ApplicationRuntime.class).events)
          .extracting(CacheEvent::cacheName).contains("PriceService.price");
    });
  }

  @Test
  void bindsEveryTierFactoryBeanUnderItsBeanName() {
    quotes.withUserConfiguration(SharedTier.class).run(context -> {
      QuoteService quotes = context.getBean(QuoteService.class);

      assertThat(quotes.quote("sku-1")).isEqualTo("quote for sku-1");

      MockTier<Object, Object> shared = context.getBean(SharedTier.class).tier;
      assertThat(shared.peek("QuoteService.quote", "sku-1")).isNotNull();
    });
  }

  @Test
  void everyCustomizerCustomizesTheStartersRuntime() {
    MockTier<Object, Object> shared = MockTier.create();
    List<CacheEvent> events = new CopyOnWriteArrayList<>();
    quotes.withBean("tierBinder", TieredRuntimeCustomizer.class,
            () -> runtime -> runtime.tier("shared", shared.factory()))
        .withBean("listenerAdder", TieredRuntimeCustomizer.class,
            () -> runtime -> runtime.listener(events::add))
        .run(context -> {
          assertThat(context.getBean(QuoteService.class).quote("sku-1"))
              .isEqualTo("quote for sku-1");

          assertThat(shared.peek("QuoteService.quote", "sku-1")).isNotNull();
          assertThat(events).isNotEmpty();
        });
  }

  @Test
  void anInsertPolicyBeanDecidesWhatIsWritten() {
    quotes.withUserConfiguration(SharedTier.class)
        .withBean(InsertPolicy.class, () -> (cache, tier, key, entry) -> !tier.equals("shared"))
        .run(context -> {
          context.getBean(QuoteService.class).quote("sku-1");

          MockTier<Object, Object> shared = context.getBean(SharedTier.class).tier;
          assertThat(shared.peek("QuoteService.quote", "sku-1")).isNull();
        });
  }

  @Test
  void aBadRefreshConcurrencyFailsTheStartSayingWhatIsAllowed() {
    prices.withPropertyValues("tiered.refresh-concurrency=0").run(context ->
        assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageContaining("refreshConcurrency must be positive"));
  }

  @Test
  void anUnboundFallbackTierFailsTheStartNamingIt() {
    quotes.run(context ->
        assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageContaining("shared").hasMessageContaining("QuoteService"));
  }

  @Test
  void registersEveryProxysMetersOnTheMeterRegistry() {
    prices.withUserConfiguration(Meters.class).run(context -> {
      assertThat(context).hasSingleBean(io.tiered.micrometer.TieredMetrics.class);
      assertThat(gets(context, "PriceService.price")).isNotEmpty();
    });
  }

  @Test
  void monitorsProxiesOfTheApplicationsRuntimeToo() {
    prices.withUserConfiguration(Meters.class, ApplicationRuntime.class)
        .run(context -> assertThat(gets(context, "PriceService.price")).isNotEmpty());
  }

  @Test
  void aRedisTierThatATierFactoryBeanAlsoBindsFailsTheStartNamingBoth() {
    runner.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
        .withUserConfiguration(SharedTier.class)
        .withPropertyValues("tiered.redis.tier=shared")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageContaining("tiered.redis.tier=shared")
            .hasMessageContaining("TierFactory bean 'shared'"));
  }

  @Test
  void aRedisTierWithoutBootsRedisSupportFailsTheStartSayingWhatToAdd() {
    runner.withClassLoader(new FilteredClassLoader(DataRedisConnectionDetails.class))
        .withPropertyValues("tiered.redis.tier=shared")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageContaining("spring-boot-starter-data-redis"));
  }

  @Test
  void aRedisTierWithoutTieredRedisFailsTheStartSayingWhatToAdd() {
    runner.withClassLoader(new FilteredClassLoader("io.tiered.redis"))
        .withPropertyValues("tiered.redis.tier=shared")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageContaining("tiered-redis"));
  }

  @Test
  void anApplicationWithoutTieredRedisStartsAndCaches() {
    prices.withClassLoader(new FilteredClassLoader("io.tiered.redis", "io.lettuce"))
        .run(context -> {
          assertThat(context).hasNotFailed();
          PriceService cached = context.getBean(PriceService.class);
          cached.price("sku-1");
          cached.price("sku-1");
          assertThat(origin.calls()).isEqualTo(1);
        });
  }

  @Test
  void anApplicationWithoutTieredMicrometerStartsAndCachesUnmetered() {
    prices.withUserConfiguration(Meters.class)
        .withClassLoader(new FilteredClassLoader("io.tiered.micrometer"))
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).doesNotHaveBean(io.tiered.micrometer.TieredMetrics.class);
          assertThat(context).doesNotHaveBean("tieredObservations");
          assertThat(context.getBean(PriceService.class)).isInstanceOf(TieredProxy.class);
          assertThat(gets(context, "PriceService.price")).isEmpty();
        });
  }

  @Test
  void theApplicationsObservationRegistryObservesEachOriginCallAndNoHit() {
    List<String> observed = new CopyOnWriteArrayList<>();
    ObservationRegistry registry = ObservationRegistry.create();
    registry.observationConfig().observationHandler(new ObservationHandler<>() {
      @Override
      public boolean supportsContext(Observation.Context context) {
        return true;
      }

      @Override
      public void onStop(Observation.Context context) {
        observed.add(context.getName() + " " + context.getLowCardinalityKeyValue("cache").getValue()
            + " " + context.getLowCardinalityKeyValue("kind").getValue());
      }
    });
    prices.withBean(ObservationRegistry.class, () -> registry).run(context -> {
      PriceService cached = context.getBean(PriceService.class);
      cached.price("sku-1");
      cached.price("sku-1");
      assertThat(observed).containsExactly("tiered.load PriceService.price load");
    });
  }

  @Test
  void aBeanOfTwoCachedInterfacesFailsTheStartNamingThem() {
    runner.withBean("pricesAndStock", PricesAndStock.class).run(context ->
        assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageContaining("'pricesAndStock'")
            .hasMessageContaining("io.tiered.spring.services.PriceService and"
                + " io.tiered.spring.services.StockService"));
  }

  @Test
  void twoBeansOfOneCachedInterfaceFailTheStartUnlessOneIsExcluded() {
    ApplicationContextRunner twoBeans = prices.withBean("otherPrices", CountingPrices.class);

    twoBeans.run(context -> assertThat(context).hasFailed().getFailure().rootCause()
        .hasMessageContaining("'prices'").hasMessageContaining("'otherPrices'")
        .hasMessageContaining("both implement io.tiered.spring.services.PriceService")
        .hasMessageContaining("tiered.excluded-beans"));
    twoBeans.withPropertyValues("tiered.excluded-beans=otherPrices").run(context -> {
      assertThat(context.getBean("prices")).isInstanceOf(TieredProxy.class);
      assertThat(context.getBean("otherPrices")).isInstanceOf(CountingPrices.class);
    });
  }

  @Test
  void aCircularReferenceGetsTheSameProxyAsEveryOtherInjectionPoint() {
    runner.withAllowCircularReferences(true)
        .withBean("prices", CircularPrices.class).withBean(Auditor.class)
        .run(context -> {
          PriceService prices = context.getBean(PriceService.class);
          assertThat(prices).isInstanceOf(TieredProxy.class);
          assertThat(context.getBean(Auditor.class).prices).isSameAs(prices);
        });
  }

  @Test
  void wrapsAScopedBeanOnceThroughItsScopedProxy() {
    runner.withUserConfiguration(ScopedPrices.class).run(context -> {
      PriceService prices = context.getBean(PriceService.class);
      assertThat(prices).isInstanceOf(TieredProxy.class);
      assertThat(context.getBean("scopedTarget.prices")).isSameAs(ScopedPrices.ORIGIN);

      prices.price("sku-1");
      prices.price("sku-1");

      assertThat(ScopedPrices.ORIGIN.calls()).isEqualTo(1);
    });
  }

  private static List<?> gets(AssertableApplicationContext context, String cache) {
    return List.copyOf(context.getBean(MeterRegistry.class)
        .find("cache.gets").tag("cache", cache).meters());
  }

  static class Checkout {
    final PriceService prices;

    Checkout(PriceService prices) {
      this.prices = prices;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class SharedTier {
    final MockTier<Object, Object> tier = MockTier.create();

    @Bean
    TierFactory shared() {
      return tier.factory();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class ApplicationRuntime {
    final List<CacheEvent> events = new CopyOnWriteArrayList<>();
    final TieredRuntime runtime = TieredRuntime.builder().listener(events::add).build();

    @Bean
    TieredRuntime applicationRuntime() {
      return runtime;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Meters {
    @Bean
    SimpleMeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class ScopedPrices {
    static final CountingPrices ORIGIN = new CountingPrices();

    @Bean
    @Scope(scopeName = "prototype", proxyMode = ScopedProxyMode.INTERFACES)
    PriceService prices() {
      return ORIGIN;
    }
  }

  static class CircularPrices extends CountingPrices {
    @Autowired Auditor auditor;
  }

  static class Auditor {
    @Autowired PriceService prices;
  }
}
