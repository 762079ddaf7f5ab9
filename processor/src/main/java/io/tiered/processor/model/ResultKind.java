package io.tiered.processor.model;

/** How a cached method returns its value. */
public enum ResultKind {
  /** Directly; primitives are boxed in the cache. */
  VALUE,
  /** As a {@code CompletableFuture}; the completed value is cached. */
  COMPLETABLE_FUTURE,
  /** As a {@code CompletionStage}; the completed value is cached. */
  COMPLETION_STAGE;

  public boolean isAsync() {
    return this != VALUE;
  }
}
