package io.tiered.runtime;

/**
 * Makes the tier that holds one cached method's entries. Bound to a {@code @Fallback} tier name
 * with {@link TieredRuntime.Builder#tier(String, TierFactory)}; called once per cached method
 * when a proxy is constructed.
 */
@FunctionalInterface
public interface TierFactory {

  /** A tier for the cache {@code spec} describes. */
  <K, V> CacheTier<K, V> create(TierSpec<K, V> spec);
}
