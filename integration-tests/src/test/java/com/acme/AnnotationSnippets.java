package com.acme;

import io.tiered.Bulk;
import io.tiered.Invalidate;
import io.tiered.InvalidateTag;
import io.tiered.Put;
import io.tiered.StaleIfError;
import io.tiered.Tag;
import io.tiered.Tiered;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The snippets of docs/annotations.md, each in an interface the processor compiles;
 * {@link AnnotationSnippetsTest} runs them and checks that the page shows them as written here.
 */
final class AnnotationSnippets {
  private AnnotationSnippets() {}

  record Price(String sku, long cents) {}

  record Stock(long id, int units) {}

  record Item(String sku, String warehouse) {}

  /** {@code @StaleIfError}: fail-safe, with negative caching. */
  interface FailSafePrices {
    @Tiered(ttl = "5m", nullTtl = "30s")
    @StaleIfError(value = "1h", softTimeout = "200ms")
    Price price(String sku);
  }

  /** {@code @Invalidate} and {@code @Put}: declarative writes. */
  @Tiered(ttl = "10m")
  interface WritablePrices {
    Price price(String sku);

    List<Price> quote(String sku, int quantity);

    @Invalidate("price")                            // after a normal return: evict price(sku)
    void update(String sku, Price price);

    @Invalidate(value = "price", key = "price.sku") // the key from an accessor path
    void save(Price price);

    @Invalidate("price")                            // each element of a Set<String> or String[]:
    void updateAll(Set<String> skus);               //   one batch per tier (Redis: one UNLINK)

    @Invalidate(value = "quote", all = true)        // every key of quote(...)
    void reprice();

    @Put("price")                                   // the returned value is cached under price(sku)
    Price create(String sku, long cents);
  }

  /** {@code @Bulk}: named as the quick start's interface, whose default cache names it uses. */
  @Tiered(ttl = "10m")
  interface PriceService {
    Price price(String sku);

    @Bulk @Tiered(name = "PriceService.price")        // shares entries and loads with price(String)
    Map<String, Price> prices(Set<String> skus);

    @Bulk                                             // a cache of its own, in a @Tiered interface
    CompletableFuture<Map<Long, Stock>> stock(List<Long> ids);
  }

  /** {@code Mono} and {@code Flux}: reactive reads and writes. */
  @Tiered(ttl = "10m")
  interface ReactivePrices {
    Mono<Price> price(String sku);                  // the emitted value is cached; empty = absent

    Flux<Price> history(String sku);                // cached as the List of its elements

    @Bulk @Tiered(name = "ReactivePrices.price")    // one Mono of the map, key by key
    Mono<Map<String, Price>> prices(Set<String> skus);

    @Put(value = "price", key = "price.sku")        // when the Mono completes with a value
    Mono<Price> save(Price price);

    @Invalidate("price")                            // when the Mono<Void> completes
    Mono<Void> delete(String sku);
  }

  /** {@code @Tag}, {@code @InvalidateTag} and jitter. */
  @Tiered(ttl = "10m", jitter = "10%")            // each entry expires after 9 to 10 minutes
  @Tag("catalog")                                 // carried by every cached method's entries
  interface Products {
    @Tag("product:{sku}")                         // price("sku-1"): "catalog", "product:sku-1"
    Price price(String sku);

    @Tag("product:{item.sku}")                    // an accessor path, as in @Invalidate's key
    Stock stock(Item item);

    @InvalidateTag("product:{price.sku}")         // after a normal return: both, for that sku
    void save(Price price);

    @InvalidateTag("catalog")                     // when the future completes normally
    CompletableFuture<Void> reload();
  }
}
