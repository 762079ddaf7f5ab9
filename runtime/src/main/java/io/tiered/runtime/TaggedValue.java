package io.tiered.runtime;

/**
 * What L1 holds for a tagged entry it would otherwise keep bare (see {@link LocalTier}): the bare
 * value, and the versions of its tags in the same object (a hit reads one object, then each tag's
 * state). Not timed: Caffeine still expires it, so a hit reads no clock.
 */
final class TaggedValue extends TagStamp {
  private final Object stored;
  /**
   * The newest registry epoch at which a hit found it current. Written by hits without a lock: a
   * reader that sees an older value checks the versions, one that sees this epoch at the epoch
   * it read itself knows no invalidation completed since that check.
   */
  private long checkedEpoch;

  /**
   * @param stored the bare value as L1 stores it (a cached null is L1's own marker)
   * @param stamp its tags' versions as its load began
   */
  TaggedValue(Object stored, TagStamp stamp) {
    super(stamp);
    this.stored = stored;
    this.checkedEpoch = stamp.epoch();
  }

  /**
   * Whether none of its tags was invalidated since its load began, {@code epoch} the registry's
   * epoch as the caller read it: while that is the epoch of the last check, no tag's state need
   * be read, so that a hit touches this object and the registry's epoch, nothing else.
   */
  boolean isCurrent(long epoch) {
    if (checkedEpoch == epoch) {
      return true;
    }
    if (!isCurrent()) {
      return false;
    }
    checkedEpoch = epoch;
    return true;
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
