package io.tiered.benchmarks;

import io.tiered.Tag;
import io.tiered.Tiered;

/**
 * {@link LargePriceService} with tags as {@link TaggedPriceService} has them: each entry by its
 * product and all by the catalogue, for the memory a tagged entry costs.
 */
@Tiered(maximumSize = MemoryPerEntry.ENTRIES, ttl = "10m")
public interface LargeTaggedPriceService {

  @Tag("product:{sku}")
  @Tag("catalog")
  Price price(String sku);
}
