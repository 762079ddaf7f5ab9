package io.tiered.runtime.internal;

import java.util.concurrent.CompletionStage;

/**
 * Loads a value from an origin that answers asynchronously ({@code CompletableFuture} or
 * {@code CompletionStage} methods). The completed value is what is cached; a failed stage is not.
 */
@FunctionalInterface
public interface AsyncLoader<K, V> {

  CompletionStage<V> load(K key) throws Throwable;
}
