package io.tiered.runtime.internal;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/** The Reactor bridge on its own: the caller's context handed to loads, and Mono writes. */
class ReactorCallsTest {

  @Test
  void aLoadSeesTheContextOfTheCallThatRunsIt() {
    List<String> seen = new ArrayList<>();
    Mono<String> origin = Mono.deferContextual(context ->
        Mono.just(context.getOrDefault("tenant", "none"))).doOnNext(seen::add);

    ReactorCalls.mono(() -> ReactorCalls.load(origin))
        .contextWrite(Context.of("tenant", "acme")).block();
    ReactorCalls.mono(() -> ReactorCalls.load(origin)).block();

    assertThat(seen).containsExactly("acme", "none").inOrder();
    assertThat(ReactorCalls.load(origin).join()).isEqualTo("none"); // outside any call
  }

  @Test
  void aNestedCallWithAnEmptyContextDoesNotSeeTheOuterOne() {
    Mono<String> origin = Mono.deferContextual(context ->
        Mono.just(context.getOrDefault("tenant", "none")));
    List<String> inner = new ArrayList<>();

    ReactorCalls.mono(() -> {
      inner.add(ReactorCalls.mono(() -> ReactorCalls.load(origin)).block());
      return ReactorCalls.load(origin);
    }).contextWrite(Context.of("tenant", "outer")).block();

    assertThat(inner).containsExactly("none");
  }

  @Test
  void afterSuccessRunsTheEffectsBeforeSignallingAndFailedOnError() {
    List<String> effects = new ArrayList<>();
    AtomicInteger failed = new AtomicInteger();

    String value = ReactorCalls.afterSuccess(Mono.just("v"), v -> effects.add("put " + v),
        failed::incrementAndGet, () -> effects.add("cancelled")).doOnNext(v -> effects.add("emitted " + v)).block();
    ReactorCalls.afterSuccess(Mono.<String>empty(), v -> effects.add("empty " + v),
        failed::incrementAndGet, () -> effects.add("cancelled")).block();
    IllegalStateException error = new IllegalStateException("refused");
    assertThat(assertThrows(IllegalStateException.class, () -> ReactorCalls.afterSuccess(
        Mono.<String>error(error), v -> effects.add("never"), failed::incrementAndGet,
        () -> effects.add("cancelled")).block()))
        .isSameInstanceAs(error);

    assertThat(value).isEqualTo("v");
    assertThat(effects).containsExactly("put v", "emitted v", "empty null").inOrder();
    assertThat(failed.get()).isEqualTo(1);
  }

  @Test
  void aCancelledWriteRunsItsEvictionsOnce() {
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger cancelled = new AtomicInteger();
    CompletableFuture<String> never = new CompletableFuture<>();

    ReactorCalls.afterSuccess(Mono.fromFuture(never), v -> {}, failed::incrementAndGet,
        cancelled::incrementAndGet).subscribe().dispose();

    assertThat(cancelled.get()).isEqualTo(1);
    assertThat(failed.get()).isEqualTo(0);
  }

  @Test
  void aNullPublisherFailsTheLoad() {
    assertThrows(NullPointerException.class, () -> ReactorCalls.load(null));
    assertThrows(NullPointerException.class,
        () -> ReactorCalls.afterSuccess(null, v -> {}, () -> {}, () -> {}).block());
  }
}
