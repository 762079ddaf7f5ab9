package io.tiered.it;

import io.tiered.Tiered;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Every key shape and return kind, with a type-level ttl. */
@Tiered(ttl = "5m")
public interface Catalog {

  Product product(String sku);

  /** Same parameter types as {@link #product}: its keys must not collide with product's. */
  Product byName(String name);

  List<Product> search(String query, int limit);

  List<Product> byIds(long[] ids);

  /** Nested arrays: a key holds its own copy of each, as of an outer array. */
  List<Product> byIdGroups(long[][] groups);

  int stockLevel(String sku);

  long count();

  Optional<Product> find(String sku);

  CompletableFuture<Product> productAsync(String sku);

  CompletionStage<Product> productStage(String sku);

  Product strict(String sku) throws ProductNotFoundException;

  void rename(String sku, String name);

  default String label(String sku) {
    return "label:" + sku;
  }
}
