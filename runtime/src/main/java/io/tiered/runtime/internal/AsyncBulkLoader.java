package io.tiered.runtime.internal;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * As {@link BulkLoader}, for a {@code @Bulk} method that returns
 * {@code CompletableFuture<Map<K, V>>} or {@code CompletionStage<Map<K, V>>}: the completed map is
 * what is cached, key by key; a failed stage fails every caller waiting for those keys.
 *
 * @param <K> the cache's key type
 * @param <V> the cached value type
 */
@FunctionalInterface
public interface AsyncBulkLoader<K, V> {

  /**
   * {@return the origin's future values for {@code keys}; never null} As for
   * {@link BulkLoader#load}.
   *
   * @param keys the keys no tier holds and no other call is loading, distinct, none null
   * @throws Throwable whatever the origin's method throws before it returns a stage
   */
  CompletionStage<Map<K, V>> load(List<K> keys) throws Throwable;

  /** {@return this loader as a single-key loader} As {@link BulkLoader#one()}. */
  default AsyncLoader<K, V> one() {
    return key -> load(Collections.singletonList(key))
        .thenApply(values -> values == null ? null : values.get(key));
  }
}
