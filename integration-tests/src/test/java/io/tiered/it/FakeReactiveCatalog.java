package io.tiered.it;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An origin whose publishers count their subscriptions (per method), record the {@code tenant}
 * of the Reactor context they are subscribed with, and wait for a gate; products carry the
 * version current when they were emitted.
 */
final class FakeReactiveCatalog implements ReactiveCatalog {
  final AtomicLong version = new AtomicLong(1);
  final List<String> tenants = new CopyOnWriteArrayList<>();
  final List<Set<String>> bulkRequests = new CopyOnWriteArrayList<>();
  final Set<String> absent = ConcurrentHashMap.newKeySet();
  final Set<String> saved = ConcurrentHashMap.newKeySet();
  final Set<String> deleted = ConcurrentHashMap.newKeySet();
  volatile CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);
  volatile Throwable failure;
  private final Map<String, AtomicInteger> subscriptions = new ConcurrentHashMap<>();

  static Product product(String sku, long version) {
    return new Product(sku, "product " + sku, version);
  }

  int subscriptions(String method) {
    AtomicInteger count = subscriptions.get(method);
    return count == null ? 0 : count.get();
  }

  @Override
  public Mono<Product> product(String sku) {
    return answer("product", sku);
  }

  @Override
  public Mono<Map<String, Product>> products(Set<String> skus) {
    return subscribed("products", () -> {
      bulkRequests.add(Set.copyOf(skus));
      return Mono.just(skus.stream().filter(sku -> !absent.contains(sku))
          .collect(Collectors.toMap(Function.identity(), sku -> product(sku, version.get()))));
    });
  }

  @Override
  public Flux<Product> search(String query, int limit) {
    return subscribed("search", () -> Mono.just(IntStream.range(0, limit)
            .mapToObj(i -> product(query + "-" + i, version.get())).toList()))
        .flatMapIterable(products -> products);
  }

  @Override
  public Mono<Product> find(String sku) {
    return answer("find", sku);
  }

  @Override
  public Mono<Product> lookup(String sku) {
    return answer("lookup", sku);
  }

  @Override
  public Mono<Product> refreshed(String sku) {
    return answer("refreshed", sku);
  }

  @Override
  public Mono<Product> resilient(String sku) {
    return answer("resilient", sku);
  }

  @Override
  public Mono<Product> impatient(String sku) {
    return answer("impatient", sku);
  }

  @Override
  public Mono<Product> save(Product product) {
    return subscribed("save", () -> {
      saved.add(product.sku());
      return Mono.just(product);
    });
  }

  @Override
  public Mono<Void> delete(String sku) {
    return subscribed("delete", () -> {
      deleted.add(sku);
      return Mono.<Void>empty();
    });
  }

  private Mono<Product> answer(String method, String sku) {
    return subscribed(method, () -> absent.contains(sku)
        ? Mono.empty()
        : Mono.fromSupplier(() -> product(sku, version.get())));
  }

  /**
   * Counts and records each subscription, then waits for the gate (never cancelled by one
   * subscriber leaving) and fails or goes on with {@code then}.
   */
  private <T> Mono<T> subscribed(String method, java.util.function.Supplier<Mono<T>> then) {
    return Mono.deferContextual(context -> {
      subscriptions.computeIfAbsent(method, name -> new AtomicInteger()).incrementAndGet();
      tenants.add(context.getOrDefault("tenant", "none"));
      return Mono.fromFuture(gate, true).then(Mono.defer(() -> {
        Throwable error = failure;
        return error != null ? Mono.<T>error(error) : then.get();
      }));
    });
  }
}
