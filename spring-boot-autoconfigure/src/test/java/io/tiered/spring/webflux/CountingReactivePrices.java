package io.tiered.spring.webflux;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The origin: counts the subscriptions to its publishers, records the tenant of the Reactor
 * context each was subscribed with, and answers after a delay, as a remote service would.
 */
public class CountingReactivePrices implements ReactivePrices {
  private final AtomicInteger subscriptions = new AtomicInteger();
  private final Map<String, Long> versions = new ConcurrentHashMap<>();
  private final List<String> tenants = new CopyOnWriteArrayList<>();

  public int subscriptions() {
    return subscriptions.get();
  }

  public List<String> tenants() {
    return tenants;
  }

  @Override
  public Mono<Long> price(String sku) {
    return counted().map(ignored -> sku.length() * 100 + version(sku));
  }

  @Override
  public Flux<Long> history(String sku) {
    return counted().flatMapMany(ignored -> Flux.just(1L, 2L, version(sku)));
  }

  @Override
  public Mono<Void> reprice(String sku) {
    return Mono.fromRunnable(() -> versions.merge(sku, 2L, (old, one) -> old + 1));
  }

  private long version(String sku) {
    return versions.getOrDefault(sku, 1L);
  }

  private Mono<Long> counted() {
    return Mono.deferContextual(context -> {
      subscriptions.incrementAndGet();
      tenants.add(context.getOrDefault("tenant", "none"));
      return Mono.delay(Duration.ofMillis(100));
    });
  }
}
