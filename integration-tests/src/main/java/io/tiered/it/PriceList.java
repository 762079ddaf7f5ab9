package io.tiered.it;

import io.tiered.Bulk;
import io.tiered.Fallback;
import io.tiered.Tiered;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Bulk reads through a generated proxy: one sharing a single-key cache, one async of its own. */
@Tiered(ttl = "5m")
@Fallback(tier = "shared")
public interface PriceList {

  Long price(String sku);

  @Bulk
  @Tiered(name = "PriceList.price")
  Map<String, Long> prices(Set<String> skus);

  @Bulk
  CompletableFuture<Map<String, Long>> quotes(String[] skus);
}
