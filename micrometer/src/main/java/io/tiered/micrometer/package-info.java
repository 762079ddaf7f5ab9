/**
 * Micrometer meters for Tiered caches: {@link io.tiered.micrometer.TieredMetrics} turns the
 * runtime's {@link io.tiered.runtime.CacheEvent}s into counters and timers that follow
 * Micrometer's cache conventions, and registers {@code cache.size} gauges for the caches it is
 * asked to monitor.
 */
@NullMarked
package io.tiered.micrometer;

import org.jspecify.annotations.NullMarked;
