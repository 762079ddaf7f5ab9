package io.tiered.benchmarks;

import io.tiered.Bulk;
import io.tiered.Tiered;
import java.util.Collection;
import java.util.Map;

/** Tiered's bulk contender: a bulk method sharing the cache of the single-key one. */
@Tiered(maximumSize = BulkBenchmark.MAXIMUM_SIZE, ttl = "10m")
public interface BulkPriceService {

  Price price(String sku);

  @Bulk
  @Tiered(name = "BulkPriceService.price")
  Map<String, Price> prices(Collection<String> skus);
}
