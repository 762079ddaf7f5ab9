package io.tiered.runtime.internal;

import org.jspecify.annotations.Nullable;

/**
 * Loads a value from the origin, the service behind the cache. Generated proxies pass the
 * origin's method; whatever it throws reaches the caller unchanged, checked exceptions included.
 *
 * @param <K> the cache's key type
 * @param <V> the origin method's return type
 */
@FunctionalInterface
public interface Loader<K, V> {

  /**
   * {@return the origin's value for {@code key}; null when the origin returns null} Runs on the
   * thread of the call that missed every tier, or of the background refresh.
   *
   * @param key the method's argument, the record of its arguments, or {@code NoKey.INSTANCE};
   *     null when the caller passed null
   * @throws Throwable whatever the origin's method throws
   */
  @Nullable V load(K key) throws Throwable;
}
