package io.tiered.runtime;

/**
 * Receives every {@link CacheEvent} of the caches built by one {@link TieredRuntime}.
 *
 * <p>Called synchronously on the thread that caused the event (for evictions, inside the tier's
 * own bookkeeping), so it must be quick and must not call back into the cache. An exception it
 * throws is logged and otherwise ignored: telemetry never breaks a cache call.
 *
 * <p>With no listener registered, events are not even created: the hit path allocates nothing.
 */
@FunctionalInterface
public interface CacheEventListener {

  void onEvent(CacheEvent event);
}
