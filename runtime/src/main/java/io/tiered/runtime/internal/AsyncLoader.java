package io.tiered.runtime.internal;

import java.util.concurrent.CompletionStage;

/**
 * Loads a value from an origin that answers asynchronously ({@code CompletableFuture} or
 * {@code CompletionStage} methods). The completed value is what is cached; a failed stage is not.
 *
 * @param <K> the cache's key type
 * @param <V> the type the origin method's future completes with
 */
@FunctionalInterface
public interface AsyncLoader<K, V> {

  /**
   * {@return the origin's future value for {@code key}; never null} A null stage fails the call
   * with a {@code NullPointerException}.
   *
   * @param key as for {@link Loader#load}
   * @throws Throwable whatever the origin's method throws before it returns a stage; the caller
   *     gets it as the load's failure
   */
  CompletionStage<V> load(K key) throws Throwable;
}
