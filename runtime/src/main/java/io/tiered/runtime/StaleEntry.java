package io.tiered.runtime;

import org.jspecify.annotations.Nullable;

/**
 * An expired entry and the level it was read from: what stale-if-error may serve when a load
 * fails ({@link FailSafe}).
 *
 * @param entry the entry, past its ttl
 * @param level where it was found: {@link Levels#L1} or a fallback level
 */
record StaleEntry<V>(CacheEntry<V> entry, int level) {
  /** {@return whichever of this and {@code other} (may be null) was loaded last} */
  StaleEntry<V> newer(@Nullable StaleEntry<V> other) {
    return other == null || !other.entry.cachedAt().isAfter(entry.cachedAt()) ? this : other;
  }
}
