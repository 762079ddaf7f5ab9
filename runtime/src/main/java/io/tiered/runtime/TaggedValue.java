package io.tiered.runtime;

/**
 * What L1 holds for a tagged entry it would otherwise keep bare (see {@link LocalTier}): the bare
 * value and its tags' versions. Not timed: Caffeine still expires it, so a hit reads the versions
 * of its tags and no clock.
 *
 * @param stored the bare value as L1 stores it (a cached null is L1's own marker)
 * @param stamp its tags' versions as its load began
 */
record TaggedValue(Object stored, TagStamp stamp) {
  /** Whether none of its tags was invalidated since its load began. */
  boolean isCurrent() {
    return stamp.isCurrent();
  }
}
