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

  /** Whether {@code entry} for {@code key} of {@code cacheName} is written to {@code tier}. */
  boolean shouldInsert(String cacheName, String tier, Object key, CacheEntry<?> entry);
}
