package io.tiered.benchmarks;

import io.tiered.Tag;
import io.tiered.Tiered;

/**
 * {@link ExpiringPriceService} with tags, as a catalogue tags its entries: each by its product and
 * all by the catalogue, so that a hit checks two tags.
 */
@Tiered(maximumSize = 100_000, ttl = "10m")
public interface TaggedPriceService extends PriceLookup {

  @Override
  @Tag("product:{sku}")
  @Tag("catalog")
  Price price(String sku);

  @Override
  @Tag("product:{sku}")
  Price quote(String sku, String region, int quantity);
}
