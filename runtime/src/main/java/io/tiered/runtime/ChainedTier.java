package io.tiered.runtime;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One tier in a cache's lookup chain, as the chain sees it: index 0 is L1, then the fallback
 * tiers in order.
 *
 * @param name the tier's name in events and stats
 * @param ttl how long entries live in this tier; null for no expiry
 * @param promote whether a hit here is copied into the tiers in front of it
 * @param absentTtl how long a null or {@code Optional.empty()} lives in this tier (negative
 *     caching, {@code nullTtl}); null to give it {@code ttl} like any value
 */
record ChainedTier<K, V>(String name, CacheTier<K, V> tier, @Nullable Duration ttl,
    boolean promote, @Nullable Duration absentTtl) {

  ChainedTier(String name, CacheTier<K, V> tier, @Nullable Duration ttl, boolean promote) {
    this(name, tier, ttl, promote, null);
  }

  /** How long {@code value} lives in this tier. */
  @Nullable Duration ttlFor(@Nullable Object value) {
    return absentTtl != null && isAbsent(value) ? absentTtl : ttl;
  }

  /** Whether {@code value} says the origin has nothing: null or {@code Optional.empty()}. */
  static boolean isAbsent(@Nullable Object value) {
    return value == null || value instanceof Optional<?> optional && optional.isEmpty();
  }
}
