package io.tiered.benchmarks;

import io.tiered.Tiered;

/** Tiered's contender without a ttl: L1 bounded by size only. */
@Tiered(maximumSize = 100_000)
public interface PriceService extends PriceLookup {

  @Override
  Price price(String sku);

  @Override
  Price quote(String sku, String region, int quantity);
}
