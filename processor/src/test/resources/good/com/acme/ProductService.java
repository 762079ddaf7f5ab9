package com.acme;

import io.tiered.Bulk;
import io.tiered.Invalidate;
import io.tiered.InvalidateTag;
import io.tiered.Put;
import io.tiered.Tag;
import io.tiered.Tiered;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Tags over every key shape, tag invalidations after every kind of write, and jitter. */
@Tiered(ttl = "10m", jitter = "10%")
@Tag("catalog")
public interface ProductService {
  record Owner(long id) {}

  record Item(String sku, Owner owner) {}

  @Tag("product:{sku}")
  Item item(String sku);

  @Tag("product:{item.sku}")
  @Tag("owner:{item.owner.id}")
  Integer stock(Item item);

  @Tag("{sku}:{quantity}")
  @Tag("order:{order.owner.id}")
  List<Item> quote(String sku, int quantity, Item order);

  int count();

  @Tiered(jitter = "")
  @Tag("product:{sku}")
  CompletableFuture<Item> itemAsync(String sku);

  @Bulk
  @Tag("product:{skus}")
  Map<String, Integer> stocks(Set<String> skus);

  @Bulk
  @Tiered(name = "ProductService.item")
  Map<String, Item> items(Set<String> skus);

  @InvalidateTag("product:{item.sku}")
  void save(Item item);

  @Invalidate("item")
  @InvalidateTag("product:{sku}")
  @InvalidateTag("catalog")
  boolean reprice(String sku);

  @InvalidateTag("owner:{owner.id}")
  CompletableFuture<Void> transfer(Owner owner);

  @Put("item")
  @InvalidateTag("product:{sku}")
  Item create(String sku, Owner owner);
}
