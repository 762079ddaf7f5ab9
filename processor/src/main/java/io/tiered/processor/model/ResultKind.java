package io.tiered.processor.model;

/** How a cached method returns its value. */
public enum ResultKind {
  /** Directly; primitives are boxed in the cache. */
  VALUE,
  /** As a {@code CompletableFuture}; the completed value is cached. */
  COMPLETABLE_FUTURE,
  /** As a {@code CompletionStage}; the completed value is cached. */
  COMPLETION_STAGE,
  /** As a Reactor {@code Mono}; the emitted value is cached, an empty one as null. */
  MONO,
  /** As a Reactor {@code Flux}; the list of its elements is cached and replayed. */
  FLUX;

  /** Whether the proxy answers through the engine's asynchronous calls. */
  public boolean isAsync() {
    return this != VALUE;
  }

  /** Whether the method returns a Reactor publisher, bridged by {@code ReactorCalls}. */
  public boolean isReactive() {
    return this == MONO || this == FLUX;
  }
}
