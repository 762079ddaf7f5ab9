package io.tiered.it;

import io.tiered.Fallback;
import io.tiered.Invalidate;
import io.tiered.Put;
import io.tiered.Tiered;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Declarative writes of every kind, against two cached methods behind one fallback tier. */
@Tiered(ttl = "5m")
@Fallback(tier = "shared")
public interface PriceBook {

  long price(String sku);

  String quote(String sku, int quantity);

  /** The key from the parameter of the same name; a negative price is refused by throwing. */
  @Invalidate("price")
  void update(String sku, long cents);

  /** The key from the only parameter of the target's type. */
  @Invalidate("price")
  void discontinue(String code);

  @Invalidate(value = "price", key = "item.sku")
  void save(Item item);

  @Invalidate(value = "quote", key = "order.sku, order.quantity")
  void place(Order order);

  @Invalidate("price")
  void updateAll(Set<String> skus);

  @Invalidate("price")
  void updateEach(String... skus);

  @Invalidate("price")
  @Invalidate(value = "quote", all = true)
  void reprice(String sku);

  @Put("price")
  long create(String sku, long cents);

  @Invalidate("price")
  CompletableFuture<Void> updateAsync(String sku, long cents);

  @Put("price")
  CompletionStage<Long> createAsync(String sku, long cents);

  /** A product as the service stores it. */
  record Item(String sku, long cents) {}

  /** An order for a quantity of one product. */
  record Order(String sku, int quantity) {}
}
