package io.tiered.runtime;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Stamps each load and put of one cache with the versions its key's tags have as it begins
 * ({@link TagStamp}), which every entry it writes then carries. A cache without tags stamps
 * nothing, and its entries are what they were before tags existed.
 */
final class KeyStamps<K> {
  private final KeyTags<K> tags;
  private final TagRegistry registry;

  KeyStamps(KeyTags<K> tags, TagRegistry registry) {
    this.tags = tags;
    this.registry = registry;
  }

  /** {@return the stamp of a load or put of {@code key} beginning now; null if it has no tags} */
  @Nullable TagStamp stamp(K key) {
    if (tags.isNone()) {
      return null;
    }
    List<String> keyTags = tags.tagsOf(key);
    return keyTags.isEmpty() ? null : registry.stamp(keyTags);
  }

  /**
   * {@return {@code entry}, written by {@code write}, carrying the stamp of that load or put, if it
   * has one} An entry that already carries one (copied from an in-process tier) keeps its own: it
   * is at least as old.
   */
  static <V> CacheEntry<V> stamped(CacheEntry<V> entry, @Nullable Object write) {
    if (entry.tagStamp() == null && write instanceof Stamped stamped
        && stamped.tagStamp() != null) {
      return entry.withTags(stamped.tagStamp());
    }
    return entry;
  }

  /** A load or put, with the versions of its key's tags as it began. */
  interface Stamped {
    /** {@return the versions of its key's tags as it began; null when the key has none} */
    @Nullable TagStamp tagStamp();
  }
}
