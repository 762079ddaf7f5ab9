package io.tiered.runtime;

import java.util.OptionalLong;

/**
 * Counters of one tier of one cache since it was built.
 *
 * @param tier the tier's name ({@value CacheEvent#L1} or a {@code @Fallback} tier name)
 * @param hits reads that found a fresh entry
 * @param misses reads that found none (expired entries and failed reads included)
 * @param inserts values written
 * @param insertsRejected writes the {@link InsertPolicy} refused
 * @param evictions entries the tier dropped on its own, by size or expiry
 * @param refreshes background refreshes whose new value came from this tier
 * @param getErrors reads that threw (each also counted in {@code misses})
 * @param putErrors writes that threw (the tier was skipped)
 * @param invalidateErrors invalidations of one key that threw (the old value may remain)
 * @param clearErrors invalidations of every key that threw (old values may remain)
 * @param codecErrors caches of this name whose values the tier found it cannot read back
 *     ({@link TierCodecException}): at most one per tier instance, after which the tier is no
 *     longer used for the cache
 * @param size entries held, where the tier knows
 */
public record TierStats(
    String tier,
    long hits,
    long misses,
    long inserts,
    long insertsRejected,
    long evictions,
    long refreshes,
    long getErrors,
    long putErrors,
    long invalidateErrors,
    long clearErrors,
    long codecErrors,
    OptionalLong size) {

  /**
   * Counters without codec errors, as before {@link CacheEvent.Operation#CODEC} existed.
   *
   * @param tier the tier's name
   * @param hits reads that found a fresh entry
   * @param misses reads that found none
   * @param inserts values written
   * @param insertsRejected writes the {@link InsertPolicy} refused
   * @param evictions entries the tier dropped on its own
   * @param refreshes background refreshes whose new value came from this tier
   * @param getErrors reads that threw
   * @param putErrors writes that threw
   * @param invalidateErrors invalidations of one key that threw
   * @param clearErrors invalidations of every key that threw
   * @param size entries held, where the tier knows
   */
  public TierStats(String tier, long hits, long misses, long inserts, long insertsRejected,
      long evictions, long refreshes, long getErrors, long putErrors, long invalidateErrors,
      long clearErrors, OptionalLong size) {
    this(tier, hits, misses, inserts, insertsRejected, evictions, refreshes, getErrors, putErrors,
        invalidateErrors, clearErrors, 0, size);
  }

  /** {@return reads of this tier: hits plus misses} */
  public long requests() {
    return hits + misses;
  }

  /** {@return hits over reads; 1.0 when there were no reads, as Caffeine reports it} */
  public double hitRate() {
    long requests = requests();
    return requests == 0 ? 1.0 : (double) hits / requests;
  }

  /** {@return operations of any kind that threw} */
  public long errors() {
    return getErrors + putErrors + invalidateErrors + clearErrors + codecErrors;
  }

  /**
   * {@return operations of one kind that threw}
   *
   * @param operation the kind of tier operation
   */
  public long errors(CacheEvent.Operation operation) {
    return switch (operation) {
      case GET -> getErrors;
      case PUT -> putErrors;
      case INVALIDATE -> invalidateErrors;
      case CLEAR -> clearErrors;
      case CODEC -> codecErrors;
    };
  }
}
