package io.tiered.it.inject;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A Dagger component, generated in the javac run that also generated {@code TieredQuotes},
 * injects the proxy wherever {@link Quotes} is asked for.
 */
class DaggerInjectionTest {
  private final QuotesComponent component = DaggerQuotesComponent.create();

  @AfterEach
  void closeRuntime() {
    component.runtime().close();
  }

  @Test
  void theInjectedServiceIsTheProxyOverTheOrigin() {
    Quotes quotes = component.quotes();

    assertThat(quotes).isInstanceOf(TieredQuotes.class);
    assertThat(quotes.toString()).isEqualTo("TieredQuotes[" + component.origin() + "]");
  }

  @Test
  void cachedCallsSkipTheOrigin() {
    Quotes quotes = component.quotes();

    assertThat(quotes.quote("sku-1")).isEqualTo("quote of sku-1");
    assertThat(quotes.quote("sku-1")).isEqualTo("quote of sku-1");
    assertThat(quotes.quote("sku-2")).isEqualTo("quote of sku-2");

    assertThat(component.origin().calls()).isEqualTo(2);
  }

  @Test
  void oneProxyPerComponent() {
    QuotesComponent other = DaggerQuotesComponent.create();
    try {
      assertThat(component.quotes()).isSameInstanceAs(component.quotes());
      assertThat(other.quotes()).isNotSameInstanceAs(component.quotes());
    } finally {
      other.runtime().close();
    }
  }

  @Test
  void daggerBuiltTheProxyFromItsGeneratedInjectConstructor() throws ClassNotFoundException {
    // Dagger writes a factory for each @Inject constructor it processed; none for a @Provides.
    assertThat(Class.forName("io.tiered.it.inject.TieredQuotes_Factory")).isNotNull();
  }
}
