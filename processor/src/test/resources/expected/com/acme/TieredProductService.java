package com.acme;

import io.tiered.runtime.NoKey;
import io.tiered.runtime.TieredCache;
import io.tiered.runtime.TieredProxy;
import io.tiered.runtime.TieredRuntime;
import io.tiered.runtime.internal.BulkCache;
import io.tiered.runtime.internal.BulkLoader;
import io.tiered.runtime.internal.CacheDefinition;
import io.tiered.runtime.internal.Completions;
import io.tiered.runtime.internal.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javax.annotation.processing.Generated;

/**
 * Caches the methods of {@link ProductService} as its annotations say.
 *
 * <p>Equality is identity, as for any wrapper.
 */
@Generated("io.tiered.processor.TieredProcessor")
public final class TieredProductService implements ProductService, TieredProxy {
  private final ProductService origin;

  private final TieredRuntime runtime;

  private final TieredCache<String, ProductService.Item> itemCache;

  private final TieredCache<ProductService.Item, Integer> stockCache;

  private final TieredCache<QuoteKey, List<ProductService.Item>> quoteCache;

  private final TieredCache<NoKey, Integer> countCache;

  private final TieredCache<String, ProductService.Item> itemAsyncCache;

  private final TieredCache<String, Integer> stocksCache;

  private final BulkCache<String, Integer> stocksBulk;

  private final BulkCache<String, ProductService.Item> itemsBulk;

  /**
   * Caches {@code origin}'s methods in the tiers of {@code runtime}.
   *
   * @throws IllegalStateException if a {@code @Fallback} tier is not bound in {@code runtime}
   */
  public TieredProductService(ProductService origin, TieredRuntime runtime) {
    this.origin = Objects.requireNonNull(origin, "origin");
    this.runtime = runtime;
    this.itemCache = runtime.cache(
        CacheDefinition.<String, ProductService.Item>builder("ProductService.item", String.class,
            ProductService.Item.class)
          .method("ProductService.item(String)")
          .ttl(Duration.ofMinutes(10))
          .jitter(0.1)
          .tags(key -> List.of("catalog", "product:" + key))
          .build(),
        origin::item);
    this.stockCache = runtime.cache(
        CacheDefinition.<ProductService.Item, Integer>builder("ProductService.stock",
            ProductService.Item.class, Integer.class)
          .method("ProductService.stock(Item)")
          .ttl(Duration.ofMinutes(10))
          .jitter(0.1)
          .tags(key -> {
            List<String> tags = new ArrayList<>(3);
            tags.add("catalog");
            tags.add("product:" + key.sku());
            if (key.owner() != null) {
              tags.add("owner:" + key.owner().id());
            }
            return tags;
          })
          .build(),
        origin::stock);
    this.quoteCache = runtime.cache(
        CacheDefinition.<QuoteKey, List<ProductService.Item>>builder("ProductService.quote",
            QuoteKey.class, Types.parameterized(List.class, ProductService.Item.class))
          .method("ProductService.quote(String, int, Item)")
          .ttl(Duration.ofMinutes(10))
          .jitter(0.1)
          .tags(key -> {
            List<String> tags = new ArrayList<>(3);
            tags.add("catalog");
            tags.add(String.valueOf(key.sku()) + ":" + key.quantity());
            if (key.order() != null && key.order().owner() != null) {
              tags.add("order:" + key.order().owner().id());
            }
            return tags;
          })
          .build(),
        key -> origin.quote(key.sku(), key.quantity(), key.order()));
    this.countCache = runtime.cache(
        CacheDefinition.<NoKey, Integer>builder("ProductService.count", NoKey.class, Integer.class)
          .method("ProductService.count()")
          .ttl(Duration.ofMinutes(10))
          .jitter(0.1)
          .tags(key -> List.of("catalog"))
          .build(),
        key -> origin.count());
    this.itemAsyncCache = runtime.asyncCache(
        CacheDefinition.<String, ProductService.Item>builder("ProductService.itemAsync",
            String.class, ProductService.Item.class)
          .method("ProductService.itemAsync(String)")
          .ttl(Duration.ofMinutes(10))
          .tags(key -> List.of("catalog", "product:" + key))
          .build(),
        origin::itemAsync);
    BulkLoader<String, Integer> stocksLoader = keys -> origin.stocks(new LinkedHashSet<>(keys));
    this.stocksCache = runtime.cache(
        CacheDefinition.<String, Integer>builder("ProductService.stocks", String.class,
            Integer.class)
          .method("ProductService.stocks(Set)")
          .ttl(Duration.ofMinutes(10))
          .jitter(0.1)
          .tags(key -> List.of("catalog", "product:" + key))
          .build(),
        stocksLoader.one());
    this.stocksBulk = runtime.bulk(stocksCache, stocksLoader);
    this.itemsBulk = runtime.bulk(itemCache, keys -> origin.items(new LinkedHashSet<>(keys)));
  }

  /**
   * Caches {@code origin}'s methods with {@link TieredRuntime#defaults()}:
   * the system clock, no listener and no fallback tiers.
   */
  public static TieredProductService wrap(ProductService origin) {
    return new TieredProductService(origin, TieredRuntime.defaults());
  }

  @Override
  public ProductService.Item item(String sku) {
    return itemCache.get(sku);
  }

  @Override
  public Integer stock(ProductService.Item item) {
    return stockCache.get(item);
  }

  @Override
  public List<ProductService.Item> quote(String sku, int quantity, ProductService.Item order) {
    return quoteCache.get(new QuoteKey(sku, quantity, order));
  }

  @Override
  public int count() {
    return countCache.get(NoKey.INSTANCE);
  }

  @Override
  public CompletableFuture<ProductService.Item> itemAsync(String sku) {
    return itemAsyncCache.getAsync(sku);
  }

  @Override
  public Map<String, Integer> stocks(Set<String> skus) {
    return stocksBulk.getAll(skus);
  }

  @Override
  public Map<String, ProductService.Item> items(Set<String> skus) {
    return itemsBulk.getAll(skus);
  }

  @Override
  public void save(ProductService.Item item) {
    origin.save(item);
    if (item != null) {
      runtime.invalidateTag("product:" + item.sku());
    }
  }

  @Override
  public boolean reprice(String sku) {
    boolean result = origin.reprice(sku);
    runtime.invalidateTag("product:" + sku);
    runtime.invalidateTag("catalog");
    itemCache.invalidate(sku);
    return result;
  }

  @Override
  public CompletableFuture<Void> transfer(ProductService.Owner owner) {
    return Completions.afterSuccess(origin.transfer(owner), result -> {
      if (owner != null) {
        runtime.invalidateTag("owner:" + owner.id());
      }
    });
  }

  @Override
  public ProductService.Item create(String sku, ProductService.Owner owner) {
    var itemCachePut = itemCache.beginPut(sku);
    ProductService.Item result;
    try {
      result = origin.create(sku, owner);
    } catch (Throwable failure) {
      itemCachePut.cancel();
      throw failure;
    }
    runtime.invalidateTag("product:" + sku);
    String itemCachePutKey = sku;
    if (Objects.equals(itemCachePut.key(), itemCachePutKey)) {
      itemCachePut.complete(result);
    } else {
      itemCachePut.cancel();
      itemCache.put(itemCachePutKey, result);
    }
    return result;
  }

  /**
   * The cache of {@code ProductService.item(String)}, named {@code "ProductService.item"}:
   * to evict a key after a write, or to put a value.
   */
  public TieredCache<String, ProductService.Item> itemCache() {
    return itemCache;
  }

  /**
   * The cache of {@code ProductService.stock(Item)}, named {@code "ProductService.stock"}:
   * to evict a key after a write, or to put a value.
   */
  public TieredCache<ProductService.Item, Integer> stockCache() {
    return stockCache;
  }

  /**
   * The cache of {@code ProductService.quote(String, int, Item)}, named {@code "ProductService.quote"}:
   * to evict a key after a write, or to put a value.
   */
  public TieredCache<QuoteKey, List<ProductService.Item>> quoteCache() {
    return quoteCache;
  }

  /**
   * The cache of {@code ProductService.count()}, named {@code "ProductService.count"}:
   * to evict a key after a write, or to put a value.
   */
  public TieredCache<NoKey, Integer> countCache() {
    return countCache;
  }

  /**
   * The cache of {@code ProductService.itemAsync(String)}, named {@code "ProductService.itemAsync"}:
   * to evict a key after a write, or to put a value.
   */
  public TieredCache<String, ProductService.Item> itemAsyncCache() {
    return itemAsyncCache;
  }

  /**
   * The cache of {@code ProductService.stocks(Set)}, named {@code "ProductService.stocks"}:
   * to evict a key after a write, or to put a value.
   */
  public TieredCache<String, Integer> stocksCache() {
    return stocksCache;
  }

  /**
   * The cache of {@code ProductService.items(Set)}, shared with {@code ProductService.item(String)}
   * under the name {@code "ProductService.item"}: to evict a key after a write, or to put a value.
   */
  public TieredCache<String, ProductService.Item> itemsCache() {
    return itemCache;
  }

  @Override
  public List<TieredCache<?, ?>> caches() {
    return List.of(itemCache, stockCache, quoteCache, countCache, itemAsyncCache, stocksCache);
  }

  @Override
  public String toString() {
    return "TieredProductService[" + origin + "]";
  }

  /**
   * The cache key of {@code ProductService.quote(String, int, Item)}.
   */
  public record QuoteKey(String sku, int quantity, ProductService.Item order) {
  }
}
