package io.tiered.it;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** An origin that counts its calls per method and answers from its arguments. */
class FakeCatalog implements Catalog {
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  volatile Optional<Product> found = Optional.empty();
  volatile CompletableFuture<Product> nextFuture;
  volatile ProductNotFoundException strictFailure;

  int calls(String method) {
    return calls.getOrDefault(method, new AtomicInteger()).get();
  }

  private int count(String method) {
    return calls.computeIfAbsent(method, name -> new AtomicInteger()).incrementAndGet();
  }

  static Product product(String sku, int version) {
    return new Product(sku, sku + "-v" + version, version);
  }

  @Override
  public Product product(String sku) {
    return product(sku, count("product"));
  }

  @Override
  public Product byName(String name) {
    return new Product("by-name", name, count("byName"));
  }

  @Override
  public List<Product> search(String query, int limit) {
    int call = count("search");
    return List.of(new Product(query, query + "x" + limit, call));
  }

  @Override
  public List<Product> byIds(long[] ids) {
    int call = count("byIds");
    return List.of(new Product(Arrays.toString(ids), "ids", call));
  }

  @Override
  public List<Product> byIdGroups(long[][] groups) {
    int call = count("byIdGroups");
    return List.of(new Product(Arrays.deepToString(groups), "groups", call));
  }

  @Override
  public int stockLevel(String sku) {
    return 100 + count("stockLevel");
  }

  @Override
  public long count() {
    return 1000L + count("count");
  }

  @Override
  public Optional<Product> find(String sku) {
    count("find");
    return found;
  }

  @Override
  public CompletableFuture<Product> productAsync(String sku) {
    count("productAsync");
    return nextFuture;
  }

  @Override
  public CompletionStage<Product> productStage(String sku) {
    return CompletableFuture.completedFuture(product(sku, count("productStage")));
  }

  @Override
  public Product strict(String sku) throws ProductNotFoundException {
    count("strict");
    if (strictFailure != null) {
      throw strictFailure;
    }
    return product(sku, 1);
  }

  @Override
  public void rename(String sku, String name) {
    count("rename");
  }

  @Override
  public String label(String sku) {
    count("label");
    return "origin-label:" + sku;
  }

  @Override
  public String toString() {
    return "FakeCatalog";
  }
}
