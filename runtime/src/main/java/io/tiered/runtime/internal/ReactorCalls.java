package io.tiered.runtime.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The bridge between generated proxies of methods returning {@code Mono} or {@code Flux} and the
 * engine's asynchronous calls, which they ride on: each subscription is one {@code getAsync} (so
 * concurrent subscribers of a missing key share one origin subscription), and the origin's
 * publisher is subscribed as a {@code CompletableFuture} the engine never cancels (so one
 * subscriber's cancel ends only its own view). A {@code Flux} is cached as the list of its
 * elements.
 *
 * <p>The only class of the runtime that refers to Reactor, and only generated proxies of reactive
 * methods load it: an application whose interfaces return no {@code Mono} or {@code Flux} needs no
 * Reactor.
 *
 * <p>The subscriber's {@link ContextView} reaches the origin's publisher of the load it starts:
 * the engine calls the loader in the thread of the {@code getAsync} that starts a load, where
 * {@link #mono} makes the context it subscribed with the one {@link #load} writes into the origin's
 * publisher. A refresh or a soft-timed-out load, which runs elsewhere, has an empty context.
 */
public final class ReactorCalls {
  /** The context of the subscriber whose cache call runs in this thread, while it runs. */
  private static final ThreadLocal<@Nullable ContextView> CALLER = new ThreadLocal<>();

  private ReactorCalls() {}

  /**
   * {@return a lazy {@code Mono} of {@code call}'s value: each subscription runs {@code call}, in
   * the subscriber's context} Empty when the value is null; an error as the future fails, with
   * the origin's own exception.
   *
   * @param call the cache call, {@code getAsync} or {@code getAllAsync} on the proxy's cache
   * @param <V> the value type
   */
  public static <V> Mono<V> mono(Supplier<CompletableFuture<V>> call) {
    return Mono.deferContextual(context -> {
      CompletableFuture<V> answer = inContext(context, call);
      if (answer.isDone() && !answer.isCompletedExceptionally()) {
        return Mono.justOrEmpty(answer.getNow(null)); // a hit: no future subscription
      }
      return Mono.fromFuture(answer);
    });
  }

  /**
   * {@return a lazy {@code Flux} replaying the elements of {@code call}'s list, in order} As
   * {@link #mono}.
   *
   * @param call the cache call
   * @param <V> the element type
   */
  public static <V> Flux<V> flux(Supplier<CompletableFuture<List<V>>> call) {
    return mono(call).flatMapIterable(elements -> elements);
  }

  /**
   * {@return {@code origin}'s value as a future: the cache's load} Subscribes at once, with the
   * context of the subscriber whose call starts the load. Completes with null when it is empty.
   *
   * @param origin the origin method's {@code Mono}; null fails the load
   * @param <V> the cached value type
   */
  @SuppressWarnings("unchecked") // a Mono<? extends V> only ever emits Vs
  public static <V> CompletableFuture<V> load(@Nullable Mono<? extends V> origin) {
    return ((Mono<V>) nonNull(origin)).contextWrite(callerContext()).toFuture();
  }

  /**
   * {@return the list of {@code origin}'s elements as a future: the cache's load} As
   * {@link #load(Mono)}.
   *
   * @param origin the origin method's {@code Flux}; null fails the load
   * @param <V> the element type
   */
  @SuppressWarnings("unchecked") // a Flux<? extends V> only ever emits Vs
  public static <V> CompletableFuture<List<V>> loadAll(@Nullable Flux<? extends V> origin) {
    return ((Flux<V>) nonNull(origin)).collectList().contextWrite(callerContext()).toFuture();
  }

  /**
   * {@return a {@code Mono} that signals as {@code call} does, after {@code effects} ran on its
   * value (null when empty) when it completed normally} The reactive form of
   * {@link Completions#afterSuccess(java.util.concurrent.CompletionStage, Consumer, Runnable)} for
   * generated {@code @Invalidate} and {@code @Put} methods: an error reaches the subscriber
   * unchanged after {@code failed} ran; {@code effects} throwing signals what it threw. A cancel
   * before the outcome leaves the origin's write unknown (it may have reached the source of truth
   * while its signal had not), so it runs {@code cancelled}, which evicts every key the write
   * names. Exactly one of the three runs, once.
   *
   * @param call the origin's {@code Mono}; null signals a {@code NullPointerException}
   * @param effects the cache writes, given the origin's value
   * @param failed what ends the writes begun when there is no value: cancels the puts begun
   * @param cancelled what a cancel does: cancels the puts begun and evicts the keys written
   * @param <T> the origin's value type
   */
  public static <T> Mono<T> afterSuccess(@Nullable Mono<T> call,
      Consumer<? super @Nullable T> effects, Runnable failed, Runnable cancelled) {
    if (call == null) {
      failed.run();
      return Mono.error(new NullPointerException("the origin returned a null Mono"));
    }
    AtomicBoolean settled = new AtomicBoolean();
    return call.materialize()
        .<T>handle((signal, sink) -> {
          if (!settled.compareAndSet(false, true)) {
            return;
          }
          if (signal.isOnError()) {
            failed.run();
            sink.error(signal.getThrowable());
            return;
          }
          T value = signal.get();
          effects.accept(value); // what it throws, handle signals
          if (value != null) {
            sink.next(value);
          }
        })
        .doOnCancel(() -> {
          if (settled.compareAndSet(false, true)) {
            cancelled.run();
          }
        });
  }

  private static <V> CompletableFuture<V> inContext(ContextView context,
      Supplier<CompletableFuture<V>> call) {
    ContextView outer = CALLER.get();
    if (outer == null && context.isEmpty()) {
      return call.get(); // the loader's default already: spare the thread-local write
    }
    CALLER.set(context);
    try {
      return call.get();
    } finally {
      if (outer == null) {
        CALLER.remove();
      } else {
        CALLER.set(outer);
      }
    }
  }

  private static ContextView callerContext() {
    ContextView context = CALLER.get();
    return context == null ? Context.empty() : context;
  }

  private static <P> P nonNull(@Nullable P origin) {
    if (origin == null) {
      throw new NullPointerException("the origin returned a null publisher");
    }
    return origin;
  }
}
