package io.tiered.example;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * The origin: about 50 ms a call, and one call in {@code 1/failureRate} fails, as a remote
 * service does. Counts its calls per method.
 *
 * <p>The stampede's key never fails: the stampede shows that its callers share one load, and a
 * failed load is not cached, so the callers that arrive after a failure would rightly load again
 * and the demo would show a random second call.
 */
final class SlowCatalog implements Catalog {
  static final String[] CATEGORIES = {"books", "games", "garden", "kitchen", "music", "toys"};

  private final long latencyMillis;
  private final double failureRate;
  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
  private final Map<String, Long> prices = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> productCalls = new ConcurrentHashMap<>();

  SlowCatalog(long latencyMillis, double failureRate) {
    this.latencyMillis = latencyMillis;
    this.failureRate = failureRate;
  }

  @Override
  public Product product(String sku) {
    productCalls.computeIfAbsent(sku, key -> new LongAdder()).increment();
    call("product", !sku.equals(Workload.STAMPEDE_SKU));
    return productOf(sku);
  }

  @Override
  public List<Product> search(String category, int page) {
    call("search", true);
    List<Product> results = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      results.add(productOf(category + "-" + (page * 10 + i)));
    }
    return List.copyOf(results);
  }

  @Override
  public Optional<Product> findByName(String name) {
    call("findByName", true);
    return name.startsWith("unknown") ? Optional.empty() : Optional.of(productOf(name));
  }

  @Override
  public CompletableFuture<Integer> stock(String sku) {
    return CompletableFuture.supplyAsync(() -> {
      call("stock", true);
      return Math.floorMod(sku.hashCode(), 100);
    }, command -> Thread.ofVirtual().start(command));
  }

  @Override
  public void updatePrice(String sku, long priceCents) {
    call("updatePrice", true);
    prices.put(sku, priceCents);
  }

  /** Origin calls of {@code method} so far. */
  long calls(String method) {
    LongAdder counter = calls.get(method);
    return counter == null ? 0 : counter.sum();
  }

  /** Origin calls of {@code product(sku)} so far. */
  long productCalls(String sku) {
    LongAdder counter = productCalls.get(sku);
    return counter == null ? 0 : counter.sum();
  }

  private Product productOf(String sku) {
    String category = CATEGORIES[Math.floorMod(sku.hashCode(), CATEGORIES.length)];
    long price = prices.getOrDefault(sku, 100L + Math.floorMod(sku.hashCode(), 9_900));
    return new Product(sku, "Product " + sku, category, price);
  }

  private void call(String method, boolean mayFail) {
    calls.computeIfAbsent(method, name -> new LongAdder()).increment();
    try {
      Thread.sleep(latencyMillis);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new CatalogUnavailableException("interrupted");
    }
    if (mayFail && ThreadLocalRandom.current().nextDouble() < failureRate) {
      throw new CatalogUnavailableException("catalogue timed out (" + method + ")");
    }
  }

  /** What the slow catalogue throws now and then. */
  static final class CatalogUnavailableException extends RuntimeException {
    CatalogUnavailableException(String message) {
      super(message);
    }
  }
}
