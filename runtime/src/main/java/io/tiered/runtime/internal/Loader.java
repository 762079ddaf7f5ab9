package io.tiered.runtime.internal;

import org.jspecify.annotations.Nullable;

/**
 * Loads a value from the origin, the service behind the cache. Generated proxies pass the
 * origin's method; whatever it throws reaches the caller unchanged, checked exceptions included.
 */
@FunctionalInterface
public interface Loader<K, V> {

  @Nullable V load(K key) throws Throwable;
}
