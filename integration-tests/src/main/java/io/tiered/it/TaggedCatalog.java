package io.tiered.it;

import io.tiered.Bulk;
import io.tiered.InvalidateTag;
import io.tiered.Tag;
import io.tiered.Tiered;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;

/**
 * Tags over two key shapes sharing {@code product:{...}}, a constant type-level tag, writes of
 * every result kind invalidating them, and jitter.
 */
@Tiered(ttl = "10m")
@Tag("catalog")
public interface TaggedCatalog {
  record Item(String sku, String warehouse) {}

  @Tag("product:{sku}")
  long price(String sku);

  @Tag("product:{item.sku}")
  int stock(Item item);

  @Tag("product:{sku}")
  CompletableFuture<Long> priceAsync(String sku);

  @Tag("product:{sku}")
  Mono<Long> priceMono(String sku);

  @Tag("shelf:{warehouse}")
  String shelf(String warehouse, int row);

  @Bulk
  @Tag("product:{skus}")
  Map<String, Long> costs(Set<String> skus);

  @Tiered(ttl = "10m", jitter = "20%")
  String label(String sku);

  @InvalidateTag("product:{item.sku}")
  void save(Item item);

  @InvalidateTag("product:{sku}")
  CompletableFuture<Void> saveAsync(String sku);

  @InvalidateTag("product:{sku}")
  @InvalidateTag("shelf:{warehouse}")
  Mono<Void> move(String sku, String warehouse);

  @InvalidateTag("catalog")
  void reload();
}
