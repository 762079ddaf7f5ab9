/**
 * The runtime behind generated Tiered proxies: the tier contract ({@link io.tiered.runtime.CacheTier},
 * {@link io.tiered.runtime.TierFactory}), the Caffeine-backed memory tier
 * ({@link io.tiered.runtime.Tiers#memory()}), the cache engine ({@link io.tiered.runtime.TieredCache}),
 * and telemetry ({@link io.tiered.runtime.CacheEventListener}).
 *
 * <p>Everything is configured once, on a {@link io.tiered.runtime.TieredRuntime}.
 */
@NullMarked
package io.tiered.runtime;

import org.jspecify.annotations.NullMarked;
