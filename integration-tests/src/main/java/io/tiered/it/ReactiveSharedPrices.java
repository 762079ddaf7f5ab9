package io.tiered.it;

import io.tiered.Fallback;
import io.tiered.Invalidate;
import io.tiered.Tiered;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reactive reads and a reactive write over a tier shared by instances, as Redis is. */
@Tiered(ttl = "5m")
@Fallback(tier = "shared", ttl = "1h")
public interface ReactiveSharedPrices {

  Mono<Product> product(String sku);

  Flux<Product> search(String query);

  @Invalidate("product")
  Mono<Void> delete(String sku);
}
