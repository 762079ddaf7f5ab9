package io.tiered.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The hand-written baseline of a fallback hit: an L1 of one entry in front of a larger in-memory
 * L2, both Caffeine, a hit in L2 copied into L1; as Tiered's
 * {@code @Tiered(maximumSize = 1) @Fallback(tier = "shared")} over {@code Tiers.memory()}.
 */
final class TwoLevelCaffeine {
  private final Cache<String, Price> l1;
  private final Cache<String, Price> l2;
  private final Function<String, Price> origin;

  /**
   * @param maintenance where Caffeine runs eviction: its default pool, or the calling thread as
   *     Tiered's tiers do
   */
  TwoLevelCaffeine(Function<String, Price> origin, Executor maintenance) {
    this.origin = origin;
    this.l1 = Caffeine.newBuilder().maximumSize(1).executor(maintenance).build();
    this.l2 = Caffeine.newBuilder().executor(maintenance).build(); // unbounded, as the tier
  }

  Price get(String sku) {
    Price price = l1.getIfPresent(sku);
    if (price == null) {
      price = l2.getIfPresent(sku);
      if (price == null) {
        price = origin.apply(sku);
        l2.put(sku, price);
      }
      l1.put(sku, price);
    }
    return price;
  }
}
