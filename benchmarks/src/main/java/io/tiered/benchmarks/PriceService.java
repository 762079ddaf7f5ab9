package io.tiered.benchmarks;

import io.tiered.Tiered;

/** The service every contender caches: the same methods, keys and origin. */
@Tiered(maximumSize = 100_000)
public interface PriceService {

  Price price(String sku);

  Price quote(String sku, String region, int quantity);
}
