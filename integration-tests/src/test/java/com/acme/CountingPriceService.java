package com.acme;

import com.acme.PriceService.Price;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An origin for the tests of the README's quick start and docs/testing.md: every price is 100
 * cents, every call to it is counted.
 */
class CountingPriceService implements PriceService {
  private final AtomicInteger calls = new AtomicInteger();

  /** Calls that reached this origin. */
  int calls() {
    return calls.get();
  }

  @Override
  public Price price(String sku) {
    calls.incrementAndGet();
    return new Price(sku, 100);
  }

  @Override
  public List<Price> quote(String sku, int quantity) {
    calls.incrementAndGet();
    return List.of(new Price(sku, 100L * quantity));
  }

  @Override
  public Optional<Price> find(long id) {
    return Optional.empty();
  }

  @Override
  public CompletableFuture<Price> priceAsync(String sku) {
    return CompletableFuture.completedFuture(price(sku));
  }

  @Override
  public void update(Price price) {}
}
