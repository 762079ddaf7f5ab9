package io.tiered.runtime;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One tier in a cache's lookup chain, as the chain sees it: index 0 is L1, then the fallback
 * tiers in order.
 *
 * @param name the tier's name in events and stats
 * @param ttl how long entries live in this tier; null for no expiry
 * @param promote whether a hit here is copied into the tiers in front of it
 */
record ChainedTier<K, V>(String name, CacheTier<K, V> tier, @Nullable Duration ttl,
    boolean promote) {}
