package com.acme;

import io.tiered.Fallback;
import io.tiered.Invalidate;
import io.tiered.Put;
import io.tiered.RefreshAfter;
import io.tiered.StaleIfError;
import io.tiered.Tiered;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

@Tiered(ttl = "5m")
@Fallback(tier = "shared", ttl = "1h")
public interface PriceService {

  @RefreshAfter("30s")
  Price price(String sku) throws IOException;

  List<Price> quote(String sku, int quantity);

  @Tiered(maximumSize = 500, cacheNulls = true)
  @Fallback(tier = "shared", promote = false)
  @Fallback(tier = "archive", ttl = "1d")
  Map<String, Set<Long>> stock(String... skus);

  int count();

  @Tiered(nullTtl = "30s")
  @StaleIfError("1h")
  Optional<Price> find(long id);

  @StaleIfError(value = "1h", softTimeout = "200ms")
  CompletableFuture<Price> priceAsync(String sku);

  void update(Price price);

  @Invalidate(value = "price", key = "price.sku")
  void save(Price price);

  @Invalidate("price")
  @Invalidate(value = "quote", all = true)
  boolean reprice(String sku);

  @Invalidate("price")
  void updateAll(Set<String> skus);

  @Invalidate("find")
  CompletableFuture<Void> removeAll(long... ids);

  @Invalidate("quote")
  @Invalidate("count")
  void cancel(String sku, int quantity);

  @Put("price")
  Price create(String sku, long cents);

  @Put(value = "priceAsync", key = "price.sku")
  CompletionStage<Price> createAsync(Price price);

  default String describe(String sku) {
    return "price of " + sku;
  }

  record Price(String sku, long cents) {}
}
