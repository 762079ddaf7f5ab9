package com.acme;

import io.tiered.runtime.TieredCache;
import io.tiered.runtime.TieredProxy;
import io.tiered.runtime.TieredRuntime;
import io.tiered.runtime.internal.AsyncBulkLoader;
import io.tiered.runtime.internal.BulkCache;
import io.tiered.runtime.internal.BulkLoader;
import io.tiered.runtime.internal.CacheDefinition;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javax.annotation.processing.Generated;

/**
 * Caches the methods of {@link CatalogService} as its annotations say.
 *
 * <p>Equality is identity, as for any wrapper.
 */
@Generated("io.tiered.processor.TieredProcessor")
public final class TieredCatalogService implements CatalogService, TieredProxy {
  private final CatalogService origin;

  private final TieredCache<String, CatalogService.Item> itemCache;

  private final TieredCache<String, CatalogService.Item> listedCache;

  private final TieredCache<Long, CatalogService.Item> byIdsCache;

  private final BulkCache<String, CatalogService.Item> itemsBulk;

  private final BulkCache<String, CatalogService.Item> itemsInBulk;

  private final BulkCache<String, CatalogService.Item> listedBulk;

  private final BulkCache<Long, CatalogService.Item> byIdsBulk;

  /**
   * Caches {@code origin}'s methods in the tiers of {@code runtime}.
   *
   * @throws IllegalStateException if a {@code @Fallback} tier is not bound in {@code runtime}
   */
  public TieredCatalogService(CatalogService origin, TieredRuntime runtime) {
    this.origin = Objects.requireNonNull(origin, "origin");
    this.itemCache = runtime.cache(
        CacheDefinition.<String, CatalogService.Item>builder("CatalogService.item", String.class,
            CatalogService.Item.class)
          .method("CatalogService.item(String)")
          .ttl(Duration.ofMinutes(5))
          .fallback("shared", Duration.ofHours(1), true)
          .build(),
        origin::item);
    this.itemsBulk = runtime.bulk(itemCache, keys -> origin.items(new LinkedHashSet<>(keys)));
    this.itemsInBulk = runtime.bulk(itemCache, keys -> origin.itemsIn(keys));
    BulkLoader<String, CatalogService.Item> listedLoader = keys -> origin.listed(keys);
    this.listedCache = runtime.cache(
        CacheDefinition.<String, CatalogService.Item>builder("CatalogService.listed", String.class,
            CatalogService.Item.class)
          .method("CatalogService.listed(List)")
          .ttl(Duration.ofMinutes(5))
          .fallback("shared", Duration.ofHours(1), true)
          .build(),
        listedLoader.one());
    this.listedBulk = runtime.bulk(listedCache, listedLoader);
    AsyncBulkLoader<Long, CatalogService.Item> byIdsLoader = keys -> origin.byIds(keys.toArray(new Long[0]));
    this.byIdsCache = runtime.asyncCache(
        CacheDefinition.<Long, CatalogService.Item>builder("CatalogService.byIds", Long.class,
            CatalogService.Item.class)
          .method("CatalogService.byIds(Long[])")
          .ttl(Duration.ofMinutes(5))
          .fallback("shared", Duration.ofHours(1), true)
          .build(),
        byIdsLoader.one());
    this.byIdsBulk = runtime.asyncBulk(byIdsCache, byIdsLoader);
  }

  @Override
  public CatalogService.Item item(String sku) {
    return itemCache.get(sku);
  }

  @Override
  public Map<String, CatalogService.Item> items(Set<String> skus) {
    return itemsBulk.getAll(skus);
  }

  @Override
  public Map<String, CatalogService.Item> itemsIn(Iterable<String> skus) {
    return itemsInBulk.getAll(skus);
  }

  @Override
  public Map<String, CatalogService.Item> listed(List<String> skus) {
    return listedBulk.getAll(skus);
  }

  @Override
  public CompletableFuture<Map<Long, CatalogService.Item>> byIds(Long[] ids) {
    return byIdsBulk.getAllAsync(Arrays.asList(ids));
  }

  /**
   * The cache of {@code CatalogService.item(String)}, named {@code "CatalogService.item"}:
   * to evict a key after a write, or to put a value.
   */
  public TieredCache<String, CatalogService.Item> itemCache() {
    return itemCache;
  }

  /**
   * The cache of {@code CatalogService.listed(List)}, named {@code "CatalogService.listed"}:
   * to evict a key after a write, or to put a value.
   */
  public TieredCache<String, CatalogService.Item> listedCache() {
    return listedCache;
  }

  /**
   * The cache of {@code CatalogService.byIds(Long[])}, named {@code "CatalogService.byIds"}:
   * to evict a key after a write, or to put a value.
   */
  public TieredCache<Long, CatalogService.Item> byIdsCache() {
    return byIdsCache;
  }

  /**
   * The cache of {@code CatalogService.items(Set)}, shared with {@code CatalogService.item(String)}
   * under the name {@code "CatalogService.item"}: to evict a key after a write, or to put a value.
   */
  public TieredCache<String, CatalogService.Item> itemsCache() {
    return itemCache;
  }

  /**
   * The cache of {@code CatalogService.itemsIn(Iterable)}, shared with {@code CatalogService.item(String)}
   * under the name {@code "CatalogService.item"}: to evict a key after a write, or to put a value.
   */
  public TieredCache<String, CatalogService.Item> itemsInCache() {
    return itemCache;
  }

  @Override
  public List<TieredCache<?, ?>> caches() {
    return List.of(itemCache, listedCache, byIdsCache);
  }

  @Override
  public String toString() {
    return "TieredCatalogService[" + origin + "]";
  }
}
