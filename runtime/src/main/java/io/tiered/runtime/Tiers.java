package io.tiered.runtime;

import java.time.Duration;

/** Ready-made tier factories. */
public final class Tiers {
  /**
   * How many operations of one {@link #withTimeout(TierFactory, Duration)} factory may still be
   * running past their timeout before new operations fail at once.
   */
  public static final int DEFAULT_MAX_STUCK_OPERATIONS = 1_000;

  private static final TierFactory MEMORY = MemoryTier::new;

  private Tiers() {}

  /**
   * {@return the factory of in-process tiers, backed by Caffeine} For a {@code @Fallback} tier in
   * tests and single-instance services (L1 is the engine's own tier). Each entry expires after its
   * own ttl, read from the runtime's clock. A tier evicts by W-TinyLFU only when the spec has a
   * {@code maximumSize}, and the runtime gives fallback tiers none (0): as a fallback tier it is
   * unbounded.
   */
  public static TierFactory memory() {
    return MEMORY;
  }

  /**
   * {@code tiers}, with every operation bounded in time: for a fallback tier whose store may hang
   * rather than fail, such as a hand-written tier over a slow network store.
   *
   * <pre>{@code
   * TieredRuntime runtime = TieredRuntime.builder()
   *     .tier("shared", Tiers.withTimeout(storeTiers, Duration.ofMillis(200)))
   *     .build();
   * }</pre>
   *
   * <p>Each operation of a tier the returned factory makes (get, put, invalidate, clear, size)
   * runs on a virtual thread of its own, and the caller waits for it at most {@code timeout}.
   * When it does not finish in time, its thread is interrupted and the caller gets a
   * {@link TierTimeoutException}, naming the cache, the tier, the operation and the timeout; the
   * engine counts it as a miss (read) or skips the tier (write), with an
   * {@link CacheEvent.Kind#ERROR} event. What the tier itself throws reaches the engine unchanged,
   * the same instance. A caller interrupted while waiting gives up at once with a
   * {@code TierTimeoutException} and keeps its interrupt flag.
   *
   * <p>An operation given up on counts as stuck until it really ends. Once
   * {@link #DEFAULT_MAX_STUCK_OPERATIONS} operations of the factory are stuck (of all the caches
   * it serves together, as they usually share one store), new operations fail at once with a
   * {@code TierTimeoutException} and start no thread: a store that hangs for good holds a bounded
   * number of threads.
   *
   * <p>A put that timed out may still land later, after a newer invalidate of its key. When it
   * ends, the tier therefore invalidates that key in {@code tiers}' tier, and until then reads of
   * the key miss: a value loaded before an invalidate is never served after it.
   *
   * <p>Each operation is a hand-off to a virtual thread and back (about 15 µs from a platform
   * thread on a small machine): wrap remote tiers, whose round trip is of that order, not
   * {@link #memory()}.
   *
   * @param tiers the factory whose tiers to bound
   * @param timeout how long a caller waits for one operation; positive
   * @return a factory making {@code tiers}' tiers, each wrapped to bound its operations
   * @throws IllegalArgumentException if {@code tiers} is null, or {@code timeout} is null, zero or
   *     negative
   */
  public static TierFactory withTimeout(TierFactory tiers, Duration timeout) {
    return withTimeout(tiers, timeout, DEFAULT_MAX_STUCK_OPERATIONS);
  }

  /**
   * As {@link #withTimeout(TierFactory, Duration)}, with at most {@code maxStuckOperations}
   * operations of the factory still running past their timeout before new ones fail at once.
   * (Operations already waiting when the bound is reached may still time out and join them.)
   *
   * @param tiers the factory whose tiers to bound
   * @param timeout how long a caller waits for one operation; positive
   * @param maxStuckOperations how many timed-out operations may still be running; at least 1
   * @return a factory making {@code tiers}' tiers, each wrapped to bound its operations
   * @throws IllegalArgumentException if {@code tiers} is null, {@code timeout} is null, zero or
   *     negative, or {@code maxStuckOperations} is less than 1
   */
  public static TierFactory withTimeout(TierFactory tiers, Duration timeout,
      int maxStuckOperations) {
    if (tiers == null) {
      throw new IllegalArgumentException("Tiers.withTimeout needs the TierFactory whose tiers to "
          + "bound, such as Tiers.withTimeout(storeTiers, Duration.ofMillis(200)); got null");
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("Tiers.withTimeout needs a positive timeout, such as "
          + "Duration.ofMillis(200); got " + timeout);
    }
    if (maxStuckOperations < 1) {
      throw new IllegalArgumentException("Tiers.withTimeout needs maxStuckOperations of at least "
          + "1, such as Tiers.DEFAULT_MAX_STUCK_OPERATIONS (" + DEFAULT_MAX_STUCK_OPERATIONS
          + "); got " + maxStuckOperations);
    }
    return TimeBoundedTier.factory(tiers, timeout, maxStuckOperations);
  }
}
