package com.acme;

import io.tiered.Bulk;
import io.tiered.Fallback;
import io.tiered.Tiered;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Bulk methods: sharing a single-key method's cache, or with caches of their own. */
@Tiered(ttl = "5m")
@Fallback(tier = "shared", ttl = "1h")
public interface CatalogService {
  record Item(String sku, long cents) {}

  Item item(String sku);

  @Bulk
  @Tiered(name = "CatalogService.item")
  Map<String, Item> items(Set<String> skus);

  @Bulk
  @Tiered(name = "CatalogService.item")
  Map<String, Item> itemsIn(Iterable<String> skus);

  @Bulk
  Map<String, Item> listed(List<String> skus);

  @Bulk
  CompletableFuture<Map<Long, Item>> byIds(Long[] ids);
}
