package io.tiered.runtime.internal;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The bulk reads of one {@code @Bulk} method, over the cache of its keys: what generated proxies
 * call, made by {@code TieredRuntime.bulk} or {@code TieredRuntime.asyncBulk}.
 *
 * <p>Each key is its own entry. L1 answers what it holds; each fallback tier is read once for the
 * keys still missing; the origin is called once, with only the keys no tier holds and no other
 * call is loading; keys other calls are loading are awaited. Null elements are skipped: null keys
 * bypass the cache, and a bulk origin is never asked for one.
 *
 * @param <K> the key type
 * @param <V> the cached value type
 */
public interface BulkCache<K, V> {

  /**
   * {@return the values of {@code keys} that have one, by key} Keys the origin left out (or
   * answered null for) are absent.
   *
   * @param keys the keys to read, in any number and order, duplicates allowed
   * @throws NullPointerException if {@code keys} is null
   */
  Map<K, V> getAll(Iterable<? extends K> keys);

  /**
   * {@return as {@link #getAll}, once every key is answered} Completes exceptionally with the
   * origin's exception when a load of one of the keys failed.
   *
   * @param keys the keys to read
   * @throws NullPointerException if {@code keys} is null
   */
  CompletableFuture<Map<K, V>> getAllAsync(Iterable<? extends K> keys);
}
