package io.tiered.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tiered.runtime.TieredProxies;
import io.tiered.runtime.TieredProxy;
import io.tiered.runtime.TieredRuntime;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The run-time lookup of generated proxies, over interfaces this module's build processed. */
class TieredProxiesTest {
  private final TieredRuntime runtime = TieredRuntime.builder().build();

  @AfterEach
  void closeRuntime() {
    runtime.close();
  }

  @Test
  void wrapReturnsTheGeneratedProxyWhoseCallsAreCached() {
    AtomicInteger calls = new AtomicInteger();
    Prices origin = sku -> calls.incrementAndGet();

    Prices cached = TieredProxies.wrap(Prices.class, origin, runtime);
    cached.price("sku-1");
    cached.price("sku-1");

    assertThat(cached).isInstanceOf(TieredPrices.class);
    assertThat(cached).isInstanceOf(TieredProxy.class);
    assertThat(calls.get()).isEqualTo(1);
  }

  @Test
  void aNestedInterfaceIsFoundByTheNamingRule() {
    Outer.Inner cached = TieredProxies.wrap(Outer.Inner.class, new Outer.Inner() {
      @Override
      public String cached(String key) {
        return key;
      }

      @Override
      public String uncached(String key) {
        return key;
      }
    }, runtime);

    assertThat(cached).isInstanceOf(TieredOuter_Inner.class);
  }

  @Test
  void hasProxyTellsProcessedInterfacesFromOthers() {
    assertThat(TieredProxies.hasProxy(Prices.class)).isTrue();
    assertThat(TieredProxies.hasProxy(Outer.Inner.class)).isTrue();
    assertThat(TieredProxies.hasProxy(Runnable.class)).isFalse();
    assertThat(TieredProxies.hasProxy(String.class)).isFalse();
    assertThat(TieredProxies.hasProxy(TieredPrices.class)).isFalse();
  }

  @Test
  void anInterfaceWithoutAProxyIsAnErrorSayingHowToGenerateOne() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> TieredProxies.wrap(Runnable.class, () -> {}, runtime));

    assertThat(error).hasMessageThat().contains("java.lang.TieredRunnable");
    assertThat(error).hasMessageThat().contains("@io.tiered.Tiered");
    assertThat(error).hasMessageThat().contains("tiered-processor");
  }

  @Test
  void aClassIsNotAnInterface() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> TieredProxies.wrap(Object.class, new Object(), runtime));

    assertThat(error).hasMessageThat().contains("not an interface");
  }

  @Test
  void theProxysOwnErrorsReachTheCaller() {
    // SharedQuotes declares @Fallback(tier = "near"); this runtime binds no tier.
    SharedQuotes origin = new SharedQuotes() {
      @Override
      public String quote(String sku) {
        return sku;
      }

      @Override
      public String peek(String sku) {
        return sku;
      }
    };
    IllegalStateException error = assertThrows(IllegalStateException.class,
        () -> TieredProxies.wrap(SharedQuotes.class, origin, runtime));

    assertThat(error).hasMessageThat().contains("near");
  }
}
