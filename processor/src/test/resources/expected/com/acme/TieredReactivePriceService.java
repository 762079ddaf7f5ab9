package com.acme;

import io.tiered.runtime.NoKey;
import io.tiered.runtime.TieredCache;
import io.tiered.runtime.TieredProxy;
import io.tiered.runtime.TieredRuntime;
import io.tiered.runtime.internal.BulkCache;
import io.tiered.runtime.internal.CacheDefinition;
import io.tiered.runtime.internal.ReactorCalls;
import io.tiered.runtime.internal.Types;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.annotation.processing.Generated;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Caches the methods of {@link ReactivePriceService} as its annotations say.
 *
 * <p>Equality is identity, as for any wrapper.
 */
@Generated("io.tiered.processor.TieredProcessor")
public final class TieredReactivePriceService implements ReactivePriceService, TieredProxy {
  private final ReactivePriceService origin;

  private final TieredRuntime runtime;

  private final TieredCache<String, ReactivePriceService.Price> priceCache;

  private final TieredCache<String, ReactivePriceService.Price> anyPriceCache;

  private final TieredCache<NoKey, Long> countCache;

  private final TieredCache<HistoryKey, List<ReactivePriceService.Price>> historyCache;

  private final BulkCache<String, ReactivePriceService.Price> pricesBulk;

  /**
   * Caches {@code origin}'s methods in the tiers of {@code runtime}.
   *
   * @throws IllegalStateException if a {@code @Fallback} tier is not bound in {@code runtime}
   */
  public TieredReactivePriceService(ReactivePriceService origin, TieredRuntime runtime) {
    this.origin = Objects.requireNonNull(origin, "origin");
    this.runtime = runtime;
    this.priceCache = runtime.asyncCache(
        CacheDefinition.<String, ReactivePriceService.Price>builder("ReactivePriceService.price",
            String.class, ReactivePriceService.Price.class)
          .method("ReactivePriceService.price(String)")
          .ttl(Duration.ofMinutes(5))
          .tags(key -> List.of("price:" + key))
          .build(),
        key -> ReactorCalls.load(origin.price(key)));
    this.anyPriceCache = runtime.asyncCache(
        CacheDefinition.<String, ReactivePriceService.Price>builder("ReactivePriceService.anyPrice",
            String.class, ReactivePriceService.Price.class)
          .method("ReactivePriceService.anyPrice(String)")
          .ttl(Duration.ofMinutes(5))
          .build(),
        key -> ReactorCalls.load(origin.anyPrice(key)));
    this.countCache = runtime.asyncCache(
        CacheDefinition.<NoKey, Long>builder("ReactivePriceService.count", NoKey.class, Long.class)
          .method("ReactivePriceService.count()")
          .ttl(Duration.ofMinutes(5))
          .build(),
        key -> ReactorCalls.load(origin.count()));
    this.historyCache = runtime.asyncCache(
        CacheDefinition.<HistoryKey, List<ReactivePriceService.Price>>builder("ReactivePriceService.history",
            HistoryKey.class, Types.parameterized(List.class, ReactivePriceService.Price.class))
          .method("ReactivePriceService.history(String, int)")
          .ttl(Duration.ofMinutes(5))
          .build(),
        key -> ReactorCalls.loadAll(origin.history(key.sku(), key.days())));
    this.pricesBulk = runtime.asyncBulk(priceCache, keys -> ReactorCalls.load(origin.prices(new LinkedHashSet<>(keys))));
  }

  /**
   * Caches {@code origin}'s methods with {@link TieredRuntime#defaults()}:
   * the system clock, no listener and no fallback tiers.
   */
  public static TieredReactivePriceService wrap(ReactivePriceService origin) {
    return new TieredReactivePriceService(origin, TieredRuntime.defaults());
  }

  @Override
  public Mono<ReactivePriceService.Price> price(String sku) {
    return ReactorCalls.mono(() -> priceCache.getAsync(sku));
  }

  @Override
  public Mono<? extends ReactivePriceService.Price> anyPrice(String sku) {
    return ReactorCalls.mono(() -> anyPriceCache.getAsync(sku));
  }

  @Override
  public Mono<Long> count() {
    return ReactorCalls.mono(() -> countCache.getAsync(NoKey.INSTANCE));
  }

  @Override
  public Flux<ReactivePriceService.Price> history(String sku, int days) {
    return ReactorCalls.flux(() -> historyCache.getAsync(new HistoryKey(sku, days)));
  }

  @Override
  public Mono<Map<String, ReactivePriceService.Price>> prices(Set<String> skus) {
    return ReactorCalls.mono(() -> pricesBulk.getAllAsync(skus));
  }

  @Override
  public Mono<ReactivePriceService.Price> save(ReactivePriceService.Price price) {
    Mono<ReactivePriceService.Price> publisher = origin.save(price);
    return Mono.defer(() -> {
      var priceCachePut = priceCache.beginPut(price != null ? price.sku() : null);
      return ReactorCalls.afterSuccess(publisher, result -> {
        String priceCachePutKey = price != null ? price.sku() : null;
        if (Objects.equals(priceCachePut.key(), priceCachePutKey)) {
          priceCachePut.complete(result);
        } else {
          priceCachePut.cancel();
          priceCache.put(priceCachePutKey, result);
        }
      }, () -> {
        priceCachePut.cancel();
      }, () -> {
        priceCachePut.cancel();
        priceCache.invalidate(priceCachePut.key());
      });
    });
  }

  @Override
  public Mono<Void> delete(String sku) {
    return ReactorCalls.afterSuccess(origin.delete(sku), result -> {
      priceCache.invalidate(sku);
    }, () -> {}, () -> {
      priceCache.invalidate(sku);
    });
  }

  @Override
  public Mono<Void> reprice(String sku) {
    return ReactorCalls.afterSuccess(origin.reprice(sku), result -> {
      runtime.invalidateTag("price:" + sku);
    }, () -> {}, () -> {
      runtime.invalidateTag("price:" + sku);
    });
  }

  /**
   * The cache of {@code ReactivePriceService.price(String)}, named {@code "ReactivePriceService.price"}:
   * to evict a key after a write, or to put a value.
   */
  public TieredCache<String, ReactivePriceService.Price> priceCache() {
    return priceCache;
  }

  /**
   * The cache of {@code ReactivePriceService.anyPrice(String)}, named {@code "ReactivePriceService.anyPrice"}:
   * to evict a key after a write, or to put a value.
   */
  public TieredCache<String, ReactivePriceService.Price> anyPriceCache() {
    return anyPriceCache;
  }

  /**
   * The cache of {@code ReactivePriceService.count()}, named {@code "ReactivePriceService.count"}:
   * to evict a key after a write, or to put a value.
   */
  public TieredCache<NoKey, Long> countCache() {
    return countCache;
  }

  /**
   * The cache of {@code ReactivePriceService.history(String, int)}, named {@code "ReactivePriceService.history"}:
   * to evict a key after a write, or to put a value.
   */
  public TieredCache<HistoryKey, List<ReactivePriceService.Price>> historyCache() {
    return historyCache;
  }

  /**
   * The cache of {@code ReactivePriceService.prices(Set)}, shared with {@code ReactivePriceService.price(String)}
   * under the name {@code "ReactivePriceService.price"}: to evict a key after a write, or to put a value.
   */
  public TieredCache<String, ReactivePriceService.Price> pricesCache() {
    return priceCache;
  }

  @Override
  public List<TieredCache<?, ?>> caches() {
    return List.of(priceCache, anyPriceCache, countCache, historyCache);
  }

  @Override
  public String toString() {
    return "TieredReactivePriceService[" + origin + "]";
  }

  /**
   * The cache key of {@code ReactivePriceService.history(String, int)}.
   */
  public record HistoryKey(String sku, int days) {
  }
}
