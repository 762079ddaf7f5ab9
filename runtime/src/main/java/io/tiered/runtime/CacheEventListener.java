package io.tiered.runtime;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Receives the {@link CacheEvent}s of the caches built by one {@link TieredRuntime}.
 *
 * <p>Called synchronously on the thread that caused the event (for evictions, inside the tier's
 * own bookkeeping), so it must be quick and must not call back into the cache. An exception it
 * throws is logged and otherwise ignored: telemetry never breaks a cache call.
 *
 * <p>Counting needs no listener: every cache keeps always-on counters
 * ({@link TieredCache#stats()}), which metrics read when they are scraped. A listener is for what
 * counters cannot say (timings, request ids, the exception of a failed load), and it pays only for
 * what it asks for: an event is built only when some listener's {@link #kinds()} includes its
 * kind. With no listener that wants {@link CacheEvent.Kind#HIT}, a hit allocates nothing.
 */
@FunctionalInterface
public interface CacheEventListener {

  /**
   * Receives one event of a kind that {@link #kinds()} asked for.
   *
   * @param event what happened, in which cache and tier
   */
  void onEvent(CacheEvent event);

  /**
   * {@return the kinds of event this listener wants; by default all of them} Read once, when the
   * runtime is built: a listener that only times origin calls returns {@code EnumSet.of(LOADED,
   * LOAD_FAILED)} and leaves the hit path free of events.
   */
  default Set<CacheEvent.Kind> kinds() {
    return Collections.unmodifiableSet(EnumSet.allOf(CacheEvent.Kind.class));
  }

  /**
   * Called once for every cache the runtime builds, before its first call: a metrics binding
   * registers its meters over the cache's {@link TieredCache#stats() counters} here. Does nothing
   * by default.
   *
   * @param cache the cache just built; its {@link TieredCache#stats()} already lists every tier
   */
  default void onCacheCreated(TieredCache<?, ?> cache) {}
}
