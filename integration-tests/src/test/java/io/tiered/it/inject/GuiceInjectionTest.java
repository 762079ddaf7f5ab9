package io.tiered.it.inject;

import static com.google.common.truth.Truth.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import io.tiered.TieredOrigin;
import io.tiered.runtime.TieredRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A Guice injector, bound as docs/dependency-injection.md shows, injects the proxy wherever
 * {@link Quotes} is.
 */
class GuiceInjectionTest {
  private final TieredRuntime runtime = TieredRuntime.builder().build();
  private final Injector injector = injector(runtime);

  @AfterEach
  void closeRuntime() {
    runtime.close();
  }

  private static Injector injector(TieredRuntime runtime) {
    return Guice.createInjector(new AbstractModule() {
      @Override
      protected void configure() {
        bind(Quotes.class).annotatedWith(TieredOrigin.class).to(CountingQuotes.class);
        bind(Quotes.class).to(TieredQuotes.class);
        bind(TieredRuntime.class).toInstance(runtime);
      }
    });
  }

  @Test
  void theInjectedServiceIsTheProxyOverTheOrigin() {
    Quotes quotes = injector.getInstance(Quotes.class);

    assertThat(quotes).isInstanceOf(TieredQuotes.class);
    assertThat(injector.getInstance(Key.get(Quotes.class, TieredOrigin.class)))
        .isSameInstanceAs(injector.getInstance(CountingQuotes.class));
    assertThat(quotes.toString())
        .isEqualTo("TieredQuotes[" + injector.getInstance(CountingQuotes.class) + "]");
  }

  @Test
  void cachedCallsSkipTheOrigin() {
    Quotes quotes = injector.getInstance(Quotes.class);

    assertThat(quotes.quote("sku-1")).isEqualTo("quote of sku-1");
    assertThat(quotes.quote("sku-1")).isEqualTo("quote of sku-1");
    assertThat(quotes.quote("sku-2")).isEqualTo("quote of sku-2");

    assertThat(injector.getInstance(CountingQuotes.class).calls()).isEqualTo(2);
  }

  @Test
  void oneProxyPerInjector() {
    Injector other = injector(runtime);

    assertThat(injector.getInstance(Quotes.class))
        .isSameInstanceAs(injector.getInstance(Quotes.class));
    assertThat(other.getInstance(Quotes.class))
        .isNotSameInstanceAs(injector.getInstance(Quotes.class));
  }
}
