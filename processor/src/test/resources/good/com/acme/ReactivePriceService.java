package com.acme;

import io.tiered.Bulk;
import io.tiered.Invalidate;
import io.tiered.InvalidateTag;
import io.tiered.Put;
import io.tiered.Tag;
import io.tiered.Tiered;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Tiered(ttl = "5m")
public interface ReactivePriceService {
  record Price(String sku, long cents) {}

  @Tag("price:{sku}")
  Mono<Price> price(String sku);

  Mono<? extends Price> anyPrice(String sku);

  Mono<Long> count();

  Flux<Price> history(String sku, int days);

  @Bulk
  @Tiered(name = "ReactivePriceService.price")
  Mono<Map<String, Price>> prices(Set<String> skus);

  @Put(value = "price", key = "price.sku")
  Mono<Price> save(Price price);

  @Invalidate("price")
  Mono<Void> delete(String sku);

  @InvalidateTag("price:{sku}")
  Mono<Void> reprice(String sku);
}
