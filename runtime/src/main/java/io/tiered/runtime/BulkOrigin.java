package io.tiered.runtime;

import io.tiered.runtime.internal.AsyncBulkLoader;
import io.tiered.runtime.internal.BulkLoader;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** A sync or async bulk loader seen as one, as {@link Origin} is for single keys. */
sealed interface BulkOrigin<K, V> {

  /** Calls the origin for {@code keys}; a sync origin runs in the calling thread. Never throws. */
  CompletableFuture<@Nullable Map<K, V>> load(List<K> keys);

  static <K, V> BulkOrigin<K, V> of(BulkLoader<K, V> loader) {
    return new Sync<>(Objects.requireNonNull(loader, "loader"));
  }

  static <K, V> BulkOrigin<K, V> of(AsyncBulkLoader<K, V> loader) {
    return new Async<>(Objects.requireNonNull(loader, "loader"));
  }

  record Sync<K, V>(BulkLoader<K, V> loader) implements BulkOrigin<K, V> {
    @Override
    public CompletableFuture<@Nullable Map<K, V>> load(List<K> keys) {
      try {
        return CompletableFuture.completedFuture(loader.load(keys));
      } catch (Throwable failure) {
        return CompletableFuture.failedFuture(failure);
      }
    }
  }

  record Async<K, V>(AsyncBulkLoader<K, V> loader) implements BulkOrigin<K, V> {
    @Override
    public CompletableFuture<@Nullable Map<K, V>> load(List<K> keys) {
      try {
        return Objects.requireNonNull(loader.load(keys), "the origin returned a null future")
            .toCompletableFuture();
      } catch (Throwable failure) {
        return CompletableFuture.failedFuture(failure);
      }
    }
  }
}
