package io.tiered.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Instruments what a runtime's caches do off the hit path: every call of an origin, and every
 * task they start in the background. Bound with {@link TieredRuntime.Builder#instrumentation};
 * {@code io.tiered.micrometer.TieredObservations} is one, which runs each origin call in a
 * Micrometer Observation and carries the caller's context into background work.
 *
 * <p>A hit never reaches it: a hit calls no origin and starts nothing.
 */
public interface TieredInstrumentation {

  /** Why an origin is called. */
  enum LoadKind {
    /** A miss: callers wait for it. */
    LOAD,
    /** A background refresh of a value served stale meanwhile. */
    REFRESH,
    /** One call of a {@code @Bulk} method's origin for the keys no tier holds. */
    BULK
  }

  /**
   * Calls the origin for {@code cacheName} ({@code call.get()}, which never throws) and returns
   * the future it gave, which the caller then waits on. Runs on the thread that calls the origin;
   * for a refresh, on the background thread, inside the context {@link #inBackground} carried.
   *
   * @param cacheName the cache, such as {@code PriceService.price}
   * @param kind why it is called
   * @param call calls the origin once; its future completes with the origin's value or failure
   * @param <V> the origin's value type
   * @return {@code call}'s future, or one that completes as it does
   */
  <V> CompletableFuture<V> originCall(String cacheName, LoadKind kind,
      Supplier<CompletableFuture<V>> call);

  /**
   * Wraps background work a caller triggers now (a refresh, a load a soft timeout left running),
   * on the caller's thread, before it runs on another: the wrapper may restore there the context
   * captured here (a trace, the MDC). By default the task itself.
   *
   * @param task the work, run later on another thread
   * @return what runs instead
   */
  default Runnable inBackground(Runnable task) {
    return task;
  }
}
