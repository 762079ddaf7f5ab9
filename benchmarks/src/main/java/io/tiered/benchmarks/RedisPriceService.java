package io.tiered.benchmarks;

import io.tiered.Bulk;
import io.tiered.Fallback;
import io.tiered.Tiered;
import java.util.Collection;
import java.util.Map;

/**
 * Tiered's Redis contender: an L1 of {@value RedisBenchmark#L1_SIZE} entries in front of the
 * shared Redis tier, so that nearly every call over the benchmark's 1,024 keys misses L1.
 */
@Tiered(maximumSize = RedisBenchmark.L1_SIZE, ttl = "10m")
@Fallback(tier = "shared", ttl = "10m")
public interface RedisPriceService {

  Price price(String sku);

  @Bulk
  @Tiered(name = "RedisPriceService.price")
  Map<String, Price> prices(Collection<String> skus);
}
