package io.tiered.runtime.internal;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Loads the values of several keys from the origin in one call: the origin's {@code @Bulk} method,
 * as generated proxies pass it, with the keys converted to the method's own collection kind.
 * Whatever it throws reaches every caller waiting for those keys, unchanged.
 *
 * @param <K> the cache's key type
 * @param <V> the cached value type
 */
@FunctionalInterface
public interface BulkLoader<K, V> {

  /**
   * {@return the origin's values for {@code keys}} Keys the map leaves out have no value (they are
   * cached as absent only with {@code cacheNulls}); keys it adds are ignored; null reads as empty.
   *
   * @param keys the keys no tier holds and no other call is loading, distinct, none null
   * @throws Throwable whatever the origin's method throws
   */
  @Nullable Map<K, V> load(List<K> keys) throws Throwable;

  /**
   * {@return this loader as a single-key loader} For the cache of a bulk method that shares it
   * with no single-key method: its handle's {@code get}, and its refreshes of one key, ask the
   * bulk origin for that key alone.
   */
  default Loader<K, V> one() {
    return key -> {
      Map<K, V> values = load(Collections.singletonList(key));
      return values == null ? null : values.get(key);
    };
  }
}
