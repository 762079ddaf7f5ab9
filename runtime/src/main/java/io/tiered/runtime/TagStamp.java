package io.tiered.runtime;

import java.util.Arrays;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The versions of an entry's tags as the load (or put) that wrote it began. The entry is valid
 * while every one of them is still its tag's version: an invalidation of any of its tags, even
 * one racing the load, makes it invalid. Holding the {@link TagState}s keeps them alive in the
 * runtime's {@link TagRegistry} as long as an entry or a load needs them.
 *
 * <p>The first two tags are fields, not arrays: a check of an entry with up to two tags reads
 * the stamp and each tag's state, no array.
 */
final class TagStamp {
  private final TagState first;
  private final long firstVersion;
  private final @Nullable TagState second;
  private final long secondVersion;
  /** The third tag's and later ones', or null when there are none: no array read on a hit. */
  private final TagState @Nullable [] rest;
  private final long @Nullable [] restVersions;

  /** The versions {@code states} (at least one) have now. */
  TagStamp(TagState[] states) {
    this.first = states[0];
    this.firstVersion = first.version();
    this.second = states.length > 1 ? states[1] : null;
    this.secondVersion = second == null ? 0 : second.version();
    if (states.length > 2) {
      this.rest = Arrays.copyOfRange(states, 2, states.length);
      this.restVersions = new long[rest.length];
      for (int i = 0; i < rest.length; i++) {
        restVersions[i] = rest[i].version();
      }
    } else {
      this.rest = null;
      this.restVersions = null;
    }
  }

  /** Whether no tag of the entry was invalidated since the stamp was taken. */
  boolean isCurrent() {
    return first.version() == firstVersion
        && (second == null || second.version() == secondVersion)
        && (rest == null || restCurrent());
  }

  /** Runs {@code action} for the state of each of the entry's tags. */
  void forEachState(Consumer<TagState> action) {
    action.accept(first);
    if (second != null) {
      action.accept(second);
    }
    if (rest != null) {
      for (TagState state : rest) {
        action.accept(state);
      }
    }
  }

  private boolean restCurrent() {
    TagState[] states = rest;
    long[] versions = restVersions;
    for (int i = 0; i < states.length; i++) {
      if (states[i].version() != versions[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "TagStamp[" + first + "@" + firstVersion
        + (second == null ? "" : ", " + second + "@" + secondVersion)
        + (rest == null ? "" : ", " + Arrays.toString(rest) + "@" + Arrays.toString(restVersions))
        + "]";
  }
}
