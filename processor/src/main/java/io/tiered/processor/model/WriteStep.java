package io.tiered.processor.model;

/**
 * One eviction or put a write method makes, after its origin returned normally.
 *
 * @param kind what it does
 * @param target the cached method whose cache it writes
 * @param key the key, from the write's parameters
 */
public record WriteStep(Kind kind, CachedMethod target, WriteKey key) {

  /** What a write step does. */
  public enum Kind {
    /** Evicts one key, or each key of a batch. */
    INVALIDATE,
    /** Evicts every key. */
    INVALIDATE_ALL,
    /** Caches the returned value under the key. */
    PUT
  }
}
