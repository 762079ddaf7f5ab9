package io.tiered.runtime.internal;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * How a generated asynchronous {@code @Invalidate} or {@code @Put} method completes its caller's
 * future: exactly as the origin's stage completed, after the cache writes, so the caller's
 * {@code exceptionally} or {@code handle} sees what it would see without the proxy (a
 * {@code thenApply} stage would wrap the origin's exception in a {@link CompletionException}).
 */
public final class Completions {
  private Completions() {}

  /**
   * {@return a future that completes as {@code call} does, after {@code effects} ran on its value
   * when it completed normally} A failure completes it with the very exception {@code call} holds;
   * {@code effects} throwing, with what it threw.
   *
   * @param call the origin's stage
   * @param effects the cache writes, given the origin's value
   * @param <T> the origin's value type
   * @throws NullPointerException if {@code call} is null
   */
  public static <T> CompletableFuture<T> afterSuccess(CompletionStage<T> call,
      Consumer<? super @Nullable T> effects) {
    return afterSuccess(call, effects, () -> {});
  }

  /**
   * As {@link #afterSuccess(CompletionStage, Consumer)}, running {@code failed} instead of
   * {@code effects} when {@code call} is null or fails: the puts begun before the origin's call
   * are cancelled.
   *
   * @param call the origin's stage
   * @param effects the cache writes, given the origin's value
   * @param failed what ends the writes begun when there is no value
   * @param <T> the origin's value type
   * @return a future that completes as {@code call} does, after the writes
   * @throws NullPointerException if {@code call} is null
   */
  public static <T> CompletableFuture<T> afterSuccess(@Nullable CompletionStage<T> call,
      Consumer<? super @Nullable T> effects, Runnable failed) {
    if (call == null) {
      failed.run();
      throw new NullPointerException("the origin returned a null stage");
    }
    CompletableFuture<T> done = new CompletableFuture<>();
    call.whenComplete((result, error) -> {
      if (error != null) {
        failed.run();
        done.completeExceptionally(error);
        return;
      }
      try {
        effects.accept(result);
      } catch (Throwable failure) {
        done.completeExceptionally(failure);
        return;
      }
      done.complete(result);
    });
    return done;
  }

}
