package com.acme;

import static com.google.common.truth.Truth.assertThat;

import com.acme.PriceService.Price;
import io.tiered.runtime.TieredProxy;
import io.tiered.runtime.TieredRuntime;
import io.tiered.runtime.Tiers;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The README's quick start, run as written. */
class ReadmeQuickStartTest {
  private final AtomicInteger originCalls = new AtomicInteger();

  /** Stands in for the README's HttpPriceService. */
  private final class HttpPriceService implements PriceService {
    @Override
    public Price price(String sku) {
      originCalls.incrementAndGet();
      return new Price(sku, 100);
    }

    @Override
    public List<Price> quote(String sku, int quantity) {
      return List.of(price(sku));
    }

    @Override
    public Optional<Price> find(long id) {
      return Optional.empty();
    }

    @Override
    public CompletableFuture<Price> priceAsync(String sku) {
      return CompletableFuture.completedFuture(price(sku));
    }

    @Override
    public void update(Price price) {}
  }

  @Test
  void quickStartRunsAsTheReadmeSays() throws Exception {
    Price newPrice = new Price("sku-1", 120);
    try (TieredRuntime runtime = TieredRuntime.builder()
        .tier("shared", Tiers.memory())
        .build()) {
      TieredPriceService prices = new TieredPriceService(new HttpPriceService(), runtime);

      prices.price("sku-1");
      prices.price("sku-1");
      assertThat(originCalls.get()).isEqualTo(1);

      prices.update(newPrice);
      prices.priceCache().invalidate("sku-1");
      prices.price("sku-1");
      assertThat(originCalls.get()).isEqualTo(2);

      ((TieredProxy) prices).invalidateAll();
      assertThat(prices.stats().toString()).contains("PriceService.price");
    }
  }
}
