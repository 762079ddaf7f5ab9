package io.tiered.runtime;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One tier in a cache's lookup chain: index 0 is L1, then the fallback tiers in order.
 *
 * @param promote whether a hit here is copied into the levels in front of it
 */
record Level<K, V>(String name, CacheTier<K, V> tier, @Nullable Duration ttl, boolean promote) {}
