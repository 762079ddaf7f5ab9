/**
 * Micrometer meters for Tiered caches: {@link io.tiered.micrometer.TieredMetrics}, a listener of
 * the runtime, registers for every cache it builds counters and {@code cache.size} gauges read
 * from the cache's own {@link io.tiered.runtime.TieredCache#stats() counters} when the registry is
 * scraped, and times origin calls from {@link io.tiered.runtime.CacheEvent}s; the names follow
 * Micrometer's cache conventions.
 */
@NullMarked
package io.tiered.micrometer;

import org.jspecify.annotations.NullMarked;
