package io.tiered.it;

import io.tiered.Bulk;
import io.tiered.Invalidate;
import io.tiered.Put;
import io.tiered.RefreshAfter;
import io.tiered.StaleIfError;
import io.tiered.Tiered;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A WebFlux-style service: every cached read a Mono or Flux, and reactive writes. */
@Tiered(ttl = "5m")
public interface ReactiveCatalog {

  Mono<Product> product(String sku);

  /** Shares its entries, key by key, with {@link #product}. */
  @Bulk
  @Tiered(name = "ReactiveCatalog.product")
  Mono<Map<String, Product>> products(Set<String> skus);

  /** Cached as the list of its elements, replayed in order. */
  Flux<Product> search(String query, int limit);

  /** An empty Mono is an absent product: asked again next time. */
  Mono<Product> find(String sku);

  /** An empty Mono is an absent product, cached like any value. */
  @Tiered(cacheNulls = true)
  Mono<Product> lookup(String sku);

  @RefreshAfter("1m")
  Mono<Product> refreshed(String sku);

  @StaleIfError("1h")
  Mono<Product> resilient(String sku);

  @StaleIfError(value = "1h", softTimeout = "100ms")
  Mono<Product> impatient(String sku);

  @Put(value = "product", key = "product.sku")
  Mono<Product> save(Product product);

  @Invalidate("product")
  Mono<Void> delete(String sku);
}
