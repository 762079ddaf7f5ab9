package com.acme;

import static com.google.common.truth.Truth.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import io.tiered.TieredOrigin;
import io.tiered.runtime.TieredRuntime;
import io.tiered.runtime.Tiers;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Dagger and Guice snippets of docs/dependency-injection.md, run as the page shows them. */
class DependencyInjectionSnippetsTest {

  @Test
  void thePageShowsTheseSnippets() {
    List<String> snippets = DocSnippets.javaBlocks("docs/dependency-injection.md");

    DocSnippets.assertShownIn(snippets.get(0), DocSnippets.TESTS.resolve("PricesModule.java"));
    DocSnippets.assertShownIn(snippets.get(1),
        DocSnippets.TESTS.resolve("DependencyInjectionSnippetsTest.java"));
  }

  @Test
  void daggerInjectsTheProxyOverTheOrigin() throws Exception {
    PricesComponent component = DaggerPricesComponent.create();
    try {
      PriceService prices = component.prices();

      assertThat(prices).isInstanceOf(TieredPriceService.class);
      assertThat(prices).isSameInstanceAs(component.prices());
      prices.price("sku-1");
      prices.price("sku-1");
      assertThat(((TieredPriceService) prices).priceCache().stats().loads()).isEqualTo(1);
    } finally {
      component.runtime().close();
    }
  }

  @Test
  void guiceInjectsTheProxyOverTheOrigin() throws Exception {
    try (TieredRuntime runtime = TieredRuntime.builder().tier("shared", Tiers.memory()).build()) {
      Injector injector = Guice.createInjector(new AbstractModule() {
        @Override
        protected void configure() {
          bind(PriceService.class).annotatedWith(TieredOrigin.class).to(HttpPriceService.class);
          bind(PriceService.class).to(TieredPriceService.class);
          bind(TieredRuntime.class).toInstance(runtime);
        }
      });
      PriceService prices = injector.getInstance(PriceService.class);

      assertThat(prices).isInstanceOf(TieredPriceService.class);
      assertThat(prices).isSameInstanceAs(injector.getInstance(PriceService.class));
      assertThat(injector.getInstance(Key.get(PriceService.class, TieredOrigin.class)))
          .isInstanceOf(HttpPriceService.class);
      prices.price("sku-1");
      prices.price("sku-1");
      assertThat(((TieredPriceService) prices).priceCache().stats().loads()).isEqualTo(1);
    }
  }
}
