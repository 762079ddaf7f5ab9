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
 * @param errors operations that threw
 * @param size entries held, where the tier knows
 */
public record TierStats(
    String tier,
    long hits,
    long misses,
    long inserts,
    long insertsRejected,
    long evictions,
    long errors,
    OptionalLong size) {

  /** Reads of this tier. */
  public long requests() {
    return hits + misses;
  }

  /** Hits over reads; 1.0 when there were no reads, as Caffeine reports it. */
  public double hitRate() {
    long requests = requests();
    return requests == 0 ? 1.0 : (double) hits / requests;
  }
}
