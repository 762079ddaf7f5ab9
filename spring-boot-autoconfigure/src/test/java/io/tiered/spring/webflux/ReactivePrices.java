package io.tiered.spring.webflux;

import io.tiered.Invalidate;
import io.tiered.Tiered;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A WebFlux service's interface: reads as Mono and Flux, a write as Mono. */
@Tiered(ttl = "5m")
public interface ReactivePrices {

  Mono<Long> price(String sku);

  Flux<Long> history(String sku);

  @Invalidate("price")
  Mono<Void> reprice(String sku);
}
