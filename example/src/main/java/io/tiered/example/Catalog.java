package io.tiered.example;

import io.tiered.Fallback;
import io.tiered.Invalidate;
import io.tiered.RefreshAfter;
import io.tiered.Tiered;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A product catalogue whose backing service is slow. Every method that returns a value is cached
 * in L1 for five minutes and in the "shared" tier for thirty.
 */
@Tiered(maximumSize = 5_000, ttl = "5m")
@Fallback(tier = "shared", ttl = "30m")
public interface Catalog {

  /** The hot method: served at once, refreshed in the background after two seconds. */
  @RefreshAfter("2s")
  Product product(String sku);

  /** A multi-parameter method: the key is a generated record of both. */
  List<Product> search(String category, int page);

  /** An Optional method: an empty answer is not cached. */
  Optional<Product> findByName(String name);

  /** An async method: concurrent callers share one in-flight future. */
  CompletableFuture<Integer> stock(String sku);

  /**
   * A write: the proxy calls the origin, then (only if it returned normally) evicts
   * {@code product(sku)} from every tier and every instance. Never cached.
   */
  @Invalidate("product")
  void updatePrice(String sku, long priceCents);
}
