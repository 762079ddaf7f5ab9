package io.tiered.runtime;

import java.util.Arrays;

/**
 * The versions of an entry's tags as the load (or put) that wrote it began. The entry is valid
 * while every one of them is still its tag's version: an invalidation of any of its tags, even
 * one racing the load, makes it invalid. Holding the {@link TagState}s keeps them alive in the
 * runtime's {@link TagRegistry} as long as an entry or a load needs them.
 */
final class TagStamp {
  private final TagState[] states;
  private final long[] versions;

  private TagStamp(TagState[] states) {
    this.states = states;
    this.versions = new long[states.length];
    for (int i = 0; i < states.length; i++) {
      versions[i] = states[i].version();
    }
  }

  /** {@return the versions {@code states} have now} */
  static TagStamp of(TagState[] states) {
    return new TagStamp(states);
  }

  /** Whether no tag of the entry was invalidated since the stamp was taken. */
  boolean isCurrent() {
    TagState[] tags = states;
    for (int i = 0; i < tags.length; i++) {
      if (tags[i].version() != versions[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "TagStamp" + Arrays.toString(states) + " at " + Arrays.toString(versions);
  }
}
