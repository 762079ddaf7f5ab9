package io.tiered.redis;

import io.tiered.Bulk;
import io.tiered.Fallback;
import io.tiered.Invalidate;
import io.tiered.Put;
import io.tiered.Tiered;
import java.util.Map;
import java.util.Set;

/**
 * The fleet model's service: every instance caches it in its own L1 and in the shared Redis tier.
 * Reads, a bulk read sharing their entries, and both kinds of declared write.
 */
@Tiered(ttl = "10m")
@Fallback(tier = Instance.SHARED, ttl = "10m")
interface FleetCatalog {

  FleetItem item(FleetSku sku);

  @Bulk
  @Tiered(name = "FleetCatalog.item")
  Map<FleetSku, FleetItem> items(Set<FleetSku> skus);

  @Invalidate("item")
  void update(FleetSku sku);

  @Put("item")
  FleetItem replace(FleetSku sku);

  /** One version of one row of the fleet's database. */
  record FleetItem(String sku, long version) {}
}
