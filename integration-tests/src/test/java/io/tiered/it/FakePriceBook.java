package io.tiered.it;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A price book backed by a map, counting reads; a negative price is refused with an exception. */
class FakePriceBook implements PriceBook {
  final Map<String, Long> prices = new ConcurrentHashMap<>();
  final AtomicInteger reads = new AtomicInteger();
  /** Completes {@link #updateAsync}'s futures; completed at once unless a test replaces it. */
  volatile CompletableFuture<Void> asyncWrite = CompletableFuture.completedFuture(null);
  /** When set, {@link #updateAsync} returns a future failed with it, and writes nothing. */
  volatile RuntimeException asyncFailure;

  @Override
  public long price(String sku) {
    reads.incrementAndGet();
    return prices.getOrDefault(sku, 0L);
  }

  @Override
  public String quote(String sku, int quantity) {
    reads.incrementAndGet();
    return quantity + " x " + prices.getOrDefault(sku, 0L);
  }

  @Override
  public void update(String sku, long cents) {
    if (cents < 0) {
      throw new IllegalArgumentException("negative price " + cents);
    }
    prices.put(sku, cents);
  }

  @Override
  public void discontinue(String code) {
    prices.remove(code);
  }

  @Override
  public void save(Item item) {
    if (item != null) { // a null item saves nothing
      update(item.sku(), item.cents());
    }
  }

  @Override
  public void place(Order order) {}

  @Override
  public void updateAll(Set<String> skus) {
    skus.forEach(sku -> prices.merge(sku, 1L, Long::sum));
  }

  @Override
  public void updateEach(String... skus) {
    updateAll(Set.of(skus));
  }

  @Override
  public void reprice(String sku) {
    prices.merge(sku, 1L, Long::sum);
  }

  @Override
  public long create(String sku, long cents) {
    prices.put(sku, cents);
    return cents;
  }

  @Override
  public CompletableFuture<Void> updateAsync(String sku, long cents) {
    RuntimeException failure = asyncFailure;
    if (failure != null) {
      return CompletableFuture.failedFuture(failure);
    }
    return asyncWrite.thenRun(() -> update(sku, cents));
  }

  @Override
  public CompletionStage<Long> createAsync(String sku, long cents) {
    return CompletableFuture.supplyAsync(() -> create(sku, cents));
  }
}
