package com.acme;

import io.tiered.runtime.NoKey;
import io.tiered.runtime.TieredCache;
import io.tiered.runtime.TieredProxy;
import io.tiered.runtime.TieredRuntime;
import io.tiered.runtime.internal.CacheDefinition;
import io.tiered.runtime.internal.Completions;
import io.tiered.runtime.internal.Types;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.annotation.processing.Generated;

/**
 * Caches the methods of {@link PriceService} as its annotations say.
 *
 * <p>Equality is identity, as for any wrapper.
 */
@Generated("io.tiered.processor.TieredProcessor")
public final class TieredPriceService implements PriceService, TieredProxy {
  private final PriceService origin;

  private final TieredCache<String, PriceService.Price> priceCache;

  private final TieredCache<QuoteKey, List<PriceService.Price>> quoteCache;

  private final TieredCache<StockKey, Map<String, Set<Long>>> stockCache;

  private final TieredCache<NoKey, Integer> countCache;

  private final TieredCache<Long, Optional<PriceService.Price>> findCache;

  private final TieredCache<String, PriceService.Price> priceAsyncCache;

  /**
   * Caches {@code origin}'s methods in the tiers of {@code runtime}.
   *
   * @throws IllegalStateException if a {@code @Fallback} tier is not bound in {@code runtime}
   */
  public TieredPriceService(PriceService origin, TieredRuntime runtime) {
    this.origin = Objects.requireNonNull(origin, "origin");
    this.priceCache = runtime.cache(
        CacheDefinition.<String, PriceService.Price>builder("PriceService.price", String.class,
            PriceService.Price.class)
          .method("PriceService.price(String)")
          .ttl(Duration.ofMinutes(5))
          .refreshAfter(Duration.ofSeconds(30))
          .fallback("shared", Duration.ofHours(1), true)
          .build(),
        origin::price);
    this.quoteCache = runtime.cache(
        CacheDefinition.<QuoteKey, List<PriceService.Price>>builder("PriceService.quote",
            QuoteKey.class, Types.parameterized(List.class, PriceService.Price.class))
          .method("PriceService.quote(String, int)")
          .ttl(Duration.ofMinutes(5))
          .fallback("shared", Duration.ofHours(1), true)
          .build(),
        key -> origin.quote(key.sku(), key.quantity()));
    this.stockCache = runtime.cache(
        CacheDefinition.<StockKey, Map<String, Set<Long>>>builder("PriceService.stock",
            StockKey.class,
            Types.parameterized(Map.class, String.class, Types.parameterized(Set.class, Long.class)))
          .method("PriceService.stock(String[])")
          .maximumSize(500)
          .ttl(Duration.ofMinutes(5))
          .cacheNulls(true)
          .fallback("shared", null, false)
          .fallback("archive", Duration.ofDays(1), true)
          .build(),
        key -> origin.stock(key.skus() == null ? null : key.skus().clone()));
    this.countCache = runtime.cache(
        CacheDefinition.<NoKey, Integer>builder("PriceService.count", NoKey.class, Integer.class)
          .method("PriceService.count()")
          .ttl(Duration.ofMinutes(5))
          .fallback("shared", Duration.ofHours(1), true)
          .build(),
        key -> origin.count());
    this.findCache = runtime.cache(
        CacheDefinition.<Long, Optional<PriceService.Price>>builder("PriceService.find", Long.class,
            Types.parameterized(Optional.class, PriceService.Price.class))
          .method("PriceService.find(long)")
          .ttl(Duration.ofMinutes(5))
          .nullTtl(Duration.ofSeconds(30))
          .staleIfError(Duration.ofHours(1), null)
          .fallback("shared", Duration.ofHours(1), true)
          .build(),
        origin::find);
    this.priceAsyncCache = runtime.asyncCache(
        CacheDefinition.<String, PriceService.Price>builder("PriceService.priceAsync", String.class,
            PriceService.Price.class)
          .method("PriceService.priceAsync(String)")
          .ttl(Duration.ofMinutes(5))
          .staleIfError(Duration.ofHours(1), Duration.ofMillis(200))
          .fallback("shared", Duration.ofHours(1), true)
          .build(),
        origin::priceAsync);
  }

  @Override
  public PriceService.Price price(String sku) throws IOException {
    return priceCache.get(sku);
  }

  @Override
  public List<PriceService.Price> quote(String sku, int quantity) {
    return quoteCache.get(new QuoteKey(sku, quantity));
  }

  @Override
  public Map<String, Set<Long>> stock(String... skus) {
    return stockCache.get(new StockKey(skus));
  }

  @Override
  public int count() {
    return countCache.get(NoKey.INSTANCE);
  }

  @Override
  public Optional<PriceService.Price> find(long id) {
    return findCache.get(id);
  }

  @Override
  public CompletableFuture<PriceService.Price> priceAsync(String sku) {
    return priceAsyncCache.getAsync(sku);
  }

  @Override
  public void update(PriceService.Price price) {
    origin.update(price);
  }

  @Override
  public void save(PriceService.Price price) {
    origin.save(price);
    if (price != null) {
      priceCache.invalidate(price.sku());
    }
  }

  @Override
  public boolean reprice(String sku) {
    boolean result = origin.reprice(sku);
    priceCache.invalidate(sku);
    quoteCache.invalidateAll();
    return result;
  }

  @Override
  public void updateAll(Set<String> skus) {
    origin.updateAll(skus);
    priceCache.invalidateAll(skus);
  }

  @Override
  public CompletableFuture<Void> removeAll(long... ids) {
    return Completions.afterSuccess(origin.removeAll(ids), result -> {
      List<Long> idsKeys = new ArrayList<>();
      for (long id : ids) {
        idsKeys.add(id);
      }
      findCache.invalidateAll(idsKeys);
    });
  }

  @Override
  public void cancel(String sku, int quantity) {
    origin.cancel(sku, quantity);
    quoteCache.invalidate(new QuoteKey(sku, quantity));
    countCache.invalidate(NoKey.INSTANCE);
  }

  @Override
  public PriceService.Price create(String sku, long cents) {
    var priceCachePut = priceCache.beginPut(sku);
    PriceService.Price result;
    try {
      result = origin.create(sku, cents);
    } catch (Throwable failure) {
      priceCachePut.cancel();
      throw failure;
    }
    String priceCachePutKey = sku;
    if (Objects.equals(priceCachePut.key(), priceCachePutKey)) {
      priceCachePut.complete(result);
    } else {
      priceCachePut.cancel();
      priceCache.put(priceCachePutKey, result);
    }
    return result;
  }

  @Override
  public CompletionStage<PriceService.Price> createAsync(PriceService.Price price) {
    var priceAsyncCachePut = priceAsyncCache.beginPut(price != null ? price.sku() : null);
    CompletionStage<PriceService.Price> stage;
    try {
      stage = origin.createAsync(price);
    } catch (Throwable failure) {
      priceAsyncCachePut.cancel();
      throw failure;
    }
    return Completions.afterSuccess(stage, result -> {
      String priceAsyncCachePutKey = price != null ? price.sku() : null;
      if (Objects.equals(priceAsyncCachePut.key(), priceAsyncCachePutKey)) {
        priceAsyncCachePut.complete(result);
      } else {
        priceAsyncCachePut.cancel();
        priceAsyncCache.put(priceAsyncCachePutKey, result);
      }
    }, () -> {
      priceAsyncCachePut.cancel();
    });
  }

  @Override
  public String describe(String sku) {
    return origin.describe(sku);
  }

  /**
   * The cache of {@code PriceService.price(String)}, named {@code "PriceService.price"}:
   * to evict a key after a write, or to put a value.
   */
  public TieredCache<String, PriceService.Price> priceCache() {
    return priceCache;
  }

  /**
   * The cache of {@code PriceService.quote(String, int)}, named {@code "PriceService.quote"}:
   * to evict a key after a write, or to put a value.
   */
  public TieredCache<QuoteKey, List<PriceService.Price>> quoteCache() {
    return quoteCache;
  }

  /**
   * The cache of {@code PriceService.stock(String[])}, named {@code "PriceService.stock"}:
   * to evict a key after a write, or to put a value.
   */
  public TieredCache<StockKey, Map<String, Set<Long>>> stockCache() {
    return stockCache;
  }

  /**
   * The cache of {@code PriceService.count()}, named {@code "PriceService.count"}:
   * to evict a key after a write, or to put a value.
   */
  public TieredCache<NoKey, Integer> countCache() {
    return countCache;
  }

  /**
   * The cache of {@code PriceService.find(long)}, named {@code "PriceService.find"}:
   * to evict a key after a write, or to put a value.
   */
  public TieredCache<Long, Optional<PriceService.Price>> findCache() {
    return findCache;
  }

  /**
   * The cache of {@code PriceService.priceAsync(String)}, named {@code "PriceService.priceAsync"}:
   * to evict a key after a write, or to put a value.
   */
  public TieredCache<String, PriceService.Price> priceAsyncCache() {
    return priceAsyncCache;
  }

  @Override
  public List<TieredCache<?, ?>> caches() {
    return List.of(priceCache, quoteCache, stockCache, countCache, findCache, priceAsyncCache);
  }

  @Override
  public String toString() {
    return "TieredPriceService[" + origin + "]";
  }

  /**
   * The cache key of {@code PriceService.quote(String, int)}.
   */
  public record QuoteKey(String sku, int quantity) {
  }

  /**
   * The cache key of {@code PriceService.stock(String[])}.
   */
  public record StockKey(String[] skus) {
    public StockKey {
      skus = skus == null ? null : skus.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof StockKey that
          && Arrays.deepEquals(skus, that.skus);
    }

    @Override
    public int hashCode() {
      return Arrays.deepHashCode(skus);
    }

    @Override
    public String toString() {
      return "StockKey[skus=" + Arrays.deepToString(skus) + "]";
    }
  }
}
