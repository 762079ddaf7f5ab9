package io.tiered.runtime;

/**
 * What L1 holds for a tagged entry it would otherwise keep bare (see {@link LocalTier}): the bare
 * value, and the versions of its tags in the same object (a hit reads one object, then each tag's
 * state). Not timed: Caffeine still expires it, so a hit reads no clock.
 */
final class TaggedValue extends TagStamp {
  private final Object stored;

  /**
   * @param stored the bare value as L1 stores it (a cached null is L1's own marker)
   * @param stamp its tags' versions as its load began
   */
  TaggedValue(Object stored, TagStamp stamp) {
    super(stamp);
    this.stored = stored;
  }

  /** The bare value, as L1 stores it. */
  Object stored() {
    return stored;
  }

  /** Its tags' versions as its load began. */
  TagStamp stamp() {
    return this;
  }
}
