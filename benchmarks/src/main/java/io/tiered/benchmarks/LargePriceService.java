package io.tiered.benchmarks;

import io.tiered.Tiered;

/** Tiered's contender for memory per entry: an L1 of a million entries with a ttl. */
@Tiered(maximumSize = MemoryPerEntry.ENTRIES, ttl = "10m")
public interface LargePriceService {

  Price price(String sku);
}
