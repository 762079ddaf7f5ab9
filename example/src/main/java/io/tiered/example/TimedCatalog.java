package io.tiered.example;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Times every origin call per method: the latency callers would see without the cache. */
final class TimedCatalog implements Catalog {
  private final Catalog origin;
  /** Nanoseconds per origin call, per method; HdrHistograms to three significant digits. */
  private final Map<String, Histogram> latencies = new ConcurrentHashMap<>();

  TimedCatalog(Catalog origin) {
    this.origin = origin;
  }

  Histogram latency(String method) {
    return latencies.computeIfAbsent(method, name -> new ConcurrentHistogram(3));
  }

  @Override
  public Product product(String sku) {
    return timed("product", () -> origin.product(sku));
  }

  @Override
  public List<Product> search(String category, int page) {
    return timed("search", () -> origin.search(category, page));
  }

  @Override
  public Optional<Product> findByName(String name) {
    return timed("findByName", () -> origin.findByName(name));
  }

  @Override
  public CompletableFuture<Integer> stock(String sku) {
    long start = System.nanoTime();
    return origin.stock(sku)
        .whenComplete((value, error) -> latency("stock").recordValue(System.nanoTime() - start));
  }

  @Override
  public void updatePrice(String sku, long priceCents) {
    origin.updatePrice(sku, priceCents);
  }

  private <T> T timed(String method, Supplier<T> call) {
    long start = System.nanoTime();
    try {
      return call.get();
    } finally {
      latency(method).recordValue(System.nanoTime() - start);
    }
  }
}
