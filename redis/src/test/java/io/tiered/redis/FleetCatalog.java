package io.tiered.redis;

import io.tiered.Bulk;
import io.tiered.Fallback;
import io.tiered.Invalidate;
import io.tiered.InvalidateTag;
import io.tiered.Put;
import io.tiered.Tag;
import io.tiered.Tiered;
import java.util.Map;
import java.util.Set;

/**
 * The fleet model's service: every instance caches it in its own L1 and in the shared Redis tier.
 * Reads, a bulk read sharing their entries, both kinds of declared write, and two tag writes:
 * each entry carries its row's tag and its shard's.
 */
@Tiered(ttl = "10m")
@Fallback(tier = Instance.SHARED, ttl = "10m")
interface FleetCatalog {

  @Tag("sku:{sku.getCode}")
  @Tag("shard:{sku.getShard}")
  FleetItem item(FleetSku sku);

  @Bulk
  @Tiered(name = "FleetCatalog.item")
  Map<FleetSku, FleetItem> items(Set<FleetSku> skus);

  @Invalidate("item")
  void update(FleetSku sku);

  @Put("item")
  FleetItem replace(FleetSku sku);

  /** A write of one row, announced by the row's tag. */
  @InvalidateTag("sku:{sku.getCode}")
  void retag(FleetSku sku);

  /** A write of every row of {@code sku}'s shard, announced by the shard's tag. */
  @InvalidateTag("shard:{sku.getShard}")
  void reshard(FleetSku sku);

  /** One version of one row of the fleet's database. */
  record FleetItem(String sku, long version) {}
}
