package io.tiered.runtime;

/**
 * Decides whether a value is written to a tier: after an origin load (every tier), and on
 * promotion from a fallback tier into the tiers in front of it. A refused write is reported as
 * {@link CacheEvent.Kind#INSERT_REJECTED}; the caller still gets the value.
 *
 * <p>Useful to keep oversized values out of a remote tier, or a tier out of one cache entirely.
 */
@FunctionalInterface
public interface InsertPolicy {

  /** Writes every value everywhere. */
  InsertPolicy ALWAYS = (cacheName, tier, key, entry) -> true;

  /**
   * {@return whether {@code entry} is written to {@code tier}} Asked before every write of a
   * loaded, put or promoted value, L1's included, on the thread making the write: it must be
   * quick and must not throw.
   *
   * @param cacheName the cache, such as {@code PriceService.price}
   * @param tier the tier about to be written: {@value CacheEvent#L1} or a {@code @Fallback} tier
   *     name
   * @param key the entry's key; never null
   * @param entry the value with that tier's ttl; a promoted value keeps the
   *     {@link CacheEntry#cachedAt()} of its load
   */
  boolean shouldInsert(String cacheName, String tier, Object key, CacheEntry<?> entry);
}
