package io.tiered.benchmarks;

import io.tiered.Fallback;
import io.tiered.RefreshAfter;
import io.tiered.Tiered;

/** The hit path with refresh-after, and an L1 too small to hold anything in front of a fallback. */
public interface RefreshingPriceService {

  @Tiered(ttl = "1h")
  @RefreshAfter("1m")
  Price price(String sku);

  /** L1 holds one entry, so nearly every call is served by the fallback tier and promoted. */
  @Tiered(maximumSize = 1)
  @Fallback(tier = "shared")
  Price shared(String sku);
}
