package io.tiered.runtime;

import java.util.List;

/** Implemented by every generated proxy: operations over all of its cached methods. */
public interface TieredProxy {

  /** {@return one cache per cached method, in declaration order} */
  List<TieredCache<?, ?>> caches();

  /** Removes every entry of every cached method from every tier. */
  default void invalidateAll() {
    caches().forEach(TieredCache::invalidateAll);
  }

  /** {@return a snapshot of every cached method's counters, in declaration order} */
  default ProxyStats stats() {
    return new ProxyStats(caches().stream().map(TieredCache::stats).toList());
  }
}
