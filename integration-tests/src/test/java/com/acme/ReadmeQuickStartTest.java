package com.acme;

import static com.google.common.truth.Truth.assertThat;

import com.acme.PriceService.Price;
import io.tiered.runtime.TieredProxy;
import io.tiered.runtime.TieredRuntime;
import io.tiered.runtime.Tiers;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's quick start, run as written. */
class ReadmeQuickStartTest {
  /** Stands in for the README's HttpPriceService. */
  private final CountingPriceService origin = new CountingPriceService();

  @Test
  void quickStartRunsAsTheReadmeSays() throws Exception {
    Price newPrice = new Price("sku-1", 120);
    try (TieredRuntime runtime = TieredRuntime.builder()
        .tier("shared", Tiers.memory())
        .build()) {
      TieredPriceService prices = new TieredPriceService(origin, runtime);

      prices.price("sku-1");
      prices.price("sku-1");
      assertThat(origin.calls()).isEqualTo(1);

      prices.update(newPrice);
      prices.priceCache().invalidate("sku-1");
      prices.price("sku-1");
      assertThat(origin.calls()).isEqualTo(2);

      ((TieredProxy) prices).invalidateAll();
      assertThat(prices.stats().toString()).contains("PriceService.price");
    }
  }

  @Test
  void theReadmeShowsTheCompiledInterface() {
    DocSnippets.assertShownIn(DocSnippets.javaBlocks("README.md").get(0),
        Path.of("src", "main", "java", "com", "acme", "PriceService.java"));
  }
}
