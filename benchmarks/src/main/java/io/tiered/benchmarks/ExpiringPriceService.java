package io.tiered.benchmarks;

import io.tiered.Tiered;

/** Tiered's contender with a ttl, as nearly every real method has one. */
@Tiered(maximumSize = 100_000, ttl = "10m")
public interface ExpiringPriceService extends PriceLookup {

  @Override
  Price price(String sku);

  @Override
  Price quote(String sku, String region, int quantity);
}
