package io.tiered.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/** How the engine hands a load's outcome to its callers: the origin's own exception, unwrapped. */
final class Futures {
  private Futures() {}

  /** Waits for a load outside any lock and rethrows the origin's own exception, checked or not. */
  static <V> V join(CompletableFuture<V> future) {
    try {
      return future.join();
    } catch (CompletionException failure) {
      throw Futures.<RuntimeException>sneakyThrow(unwrap(failure));
    }
  }

  /** {@code error} without the {@link CompletionException}s a future wrapped it in. */
  static Throwable unwrap(@Nullable Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** Throws {@code failure} as it is, checked or not. */
  @SuppressWarnings("unchecked")
  static <E extends Throwable> E sneakyThrow(Throwable failure) throws E {
    throw (E) failure;
  }

  /**
   * A future of one caller's own with {@code source}'s outcome; a failure as the origin's own
   * exception ({@code copy()} would wrap it in a {@link CompletionException}).
   */
  static <V> CompletableFuture<V> relay(CompletableFuture<V> source) {
    CompletableFuture<V> answer = new CompletableFuture<>();
    relay(source, answer);
    return answer;
  }

  /** Completes {@code target} as {@code source} completes, a failure as the origin's exception. */
  static <V> void relay(CompletableFuture<V> source, CompletableFuture<V> target) {
    source.whenComplete((value, error) -> {
      if (error == null) {
        target.complete(value);
      } else {
        target.completeExceptionally(unwrap(error));
      }
    });
  }
}
