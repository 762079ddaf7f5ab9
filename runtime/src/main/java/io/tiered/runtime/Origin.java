package io.tiered.runtime;

import io.tiered.runtime.internal.AsyncLoader;
import io.tiered.runtime.internal.Loader;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** A sync or async loader seen as one: the engine's single way to call the origin. */
sealed interface Origin<K, V> {

  /** Calls the origin; a sync origin runs in the calling thread. Never throws. */
  CompletableFuture<V> load(K key);

  static <K, V> Origin<K, V> of(Loader<K, V> loader) {
    return new Sync<>(Objects.requireNonNull(loader, "loader"));
  }

  static <K, V> Origin<K, V> of(AsyncLoader<K, V> loader) {
    return new Async<>(Objects.requireNonNull(loader, "loader"));
  }

  record Sync<K, V>(Loader<K, V> loader) implements Origin<K, V> {
    @Override
    public CompletableFuture<V> load(K key) {
      try {
        return CompletableFuture.completedFuture(loader.load(key));
      } catch (Throwable failure) {
        return CompletableFuture.failedFuture(failure);
      }
    }
  }

  record Async<K, V>(AsyncLoader<K, V> loader) implements Origin<K, V> {
    @Override
    public CompletableFuture<V> load(K key) {
      try {
        return Objects.requireNonNull(loader.load(key), "the origin returned a null future")
            .toCompletableFuture();
      } catch (Throwable failure) {
        return CompletableFuture.failedFuture(failure);
      }
    }
  }
}
