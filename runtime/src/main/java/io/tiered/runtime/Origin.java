package io.tiered.runtime;

import io.tiered.runtime.internal.AsyncLoader;
import io.tiered.runtime.internal.Loader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

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

  /**
   * {@code origin}, each call through {@code instrumentation}: a {@link
   * TieredInstrumentation.LoadKind#BULK} call when {@code bulk}, else a refresh when on a refresh's
   * thread, else a load. {@code origin} itself when there is no instrumentation.
   */
  static <K, V> Origin<K, V> instrumented(Origin<K, V> origin, String cacheName,
      @Nullable TieredInstrumentation instrumentation, boolean bulk) {
    return instrumentation == null
        ? origin
        : new Instrumented<>(origin, cacheName, instrumentation, bulk);
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

  record Instrumented<K, V>(Origin<K, V> origin, String cacheName,
      TieredInstrumentation instrumentation, boolean bulk) implements Origin<K, V> {
    @Override
    public CompletableFuture<V> load(K key) {
      TieredInstrumentation.LoadKind kind = bulk ? TieredInstrumentation.LoadKind.BULK
          : RefreshScheduler.isRefreshing() ? TieredInstrumentation.LoadKind.REFRESH
          : TieredInstrumentation.LoadKind.LOAD;
      List<CompletableFuture<V>> called = new ArrayList<>(1);
      Supplier<CompletableFuture<V>> call = () -> {
        CompletableFuture<V> loading = origin.load(key);
        called.add(loading);
        return loading;
      };
      try {
        return Objects.requireNonNull(instrumentation.originCall(cacheName, kind, call));
      } catch (RuntimeException failure) {
        // An instrumentation that throws neither fails the load nor calls the origin twice.
        return called.isEmpty() ? origin.load(key) : called.get(0);
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
