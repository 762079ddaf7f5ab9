package io.tiered;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Caches a bulk method key by key: each key of its one {@code Collection<K>}, {@code Set<K>},
 * {@code List<K>}, {@code Iterable<K>} or {@code K[]} parameter is its own entry, and its
 * {@code Map<K, V>} result (or {@code CompletableFuture<Map<K, V>>}) is assembled from them.
 *
 * <p>The origin is called once per call, with only the keys no tier holds and no other call is
 * loading, passed in the parameter's own kind of collection; keys other calls are loading (bulk
 * or single-key) are awaited, never loaded twice. Keys the origin's map leaves out are absent from
 * the result, and cached as absent only with {@link Tiered#cacheNulls()}. Fallback tiers are read
 * and written in batches (Redis: one {@code MGET}, one pipeline of {@code SET}s).
 *
 * <p>Naming a single-key method's cache shares its entries and its loads; both methods must then
 * have the same key and value types, and the cache is configured by the single-key method's
 * annotations:
 *
 * <pre>{@code
 * Price price(String sku);
 *
 * @Bulk @Tiered(name = "PriceService.price")
 * Map<String, Price> prices(Set<String> skus);
 * }</pre>
 *
 * <p>The method must be cached: annotated {@code @Tiered}, or in a {@code @Tiered} interface.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Bulk {}
