package io.tiered.runtime;

/**
 * A tier operation that did not finish in time: thrown by the tiers of
 * {@link Tiers#withTimeout(TierFactory, java.time.Duration)} when an operation outlives its
 * timeout, when the calling thread is interrupted while waiting for one, or when too many earlier
 * operations of the same factory are still stuck for a new one to start.
 *
 * <p>The engine handles it like any other tier failure: a miss on read, a skipped write, and an
 * {@link CacheEvent.Kind#ERROR} event carrying this exception. Its message names the cache, the
 * tier, the operation and the timeout.
 */
public final class TierTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  TierTimeoutException(String message) {
    super(message);
  }
}
