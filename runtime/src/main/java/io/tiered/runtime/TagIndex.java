package io.tiered.runtime;

import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Which keys one L1 holds a bare value of under each tag, so that an invalidation of the tag
 * removes them from L1 as it happens ({@link LocalTier#sweep}). A hit of a tagged entry is then
 * the lookup an untagged hit is: nothing of its tags is read on a hit (reading each tag's version
 * on every hit cost 1.7-2.4 times an untagged hit).
 *
 * <p>The index holds its tags' {@link TagState}s strongly, so that the runtime's registry, which
 * holds them weakly, keeps the state of every tag some L1 entry carries: an invalidation always
 * finds the keys of the state it moves on. A key is added before its value is stored and its
 * stamp checked ({@link LocalTier#putIf}), and a sweep moves the version on before it reads the
 * keys: a value whose check saw the old version was indexed before the sweep read them, so it is
 * removed; one whose check saw the new version is not stored. A key leaves the index only after
 * its value left L1 (or was never stored).
 */
final class TagIndex<K> {
  /**
   * Each tag's keys: the key itself while it is the only one (a tag per product holds one key in
   * most caches, and a set per tag would cost about 200 bytes an entry), {@link Keys} after.
   */
  private final ConcurrentHashMap<TagState, Object> keysByTag = new ConcurrentHashMap<>();
  /** The states of a key's tags; null for a key without tags. */
  private final Function<K, @Nullable TagStamp> statesOf;
  /** Keys Caffeine evicted, to take out of the index once their values are gone. */
  private final Queue<K> evicted = new ConcurrentLinkedQueue<>();

  TagIndex(Function<K, @Nullable TagStamp> statesOf) {
    this.statesOf = statesOf;
  }

  /** Records that L1 is about to hold {@code key}'s value under the tags of {@code stamp}. */
  void add(TagStamp stamp, K key) {
    stamp.forEachState(state -> keysByTag.compute(state, (tag, held) -> {
      if (held == null || held.equals(key)) {
        return key;
      }
      Keys<K> keys = held instanceof Keys<?> many ? cast(many) : new Keys<>(cast(held));
      keys.set.add(key);
      return keys;
    }));
  }

  /** Records that L1 no longer holds {@code key}: removed, evicted or expired. */
  void remove(K key) {
    TagStamp stamp = statesOf.apply(key);
    if (stamp != null) {
      remove(key, stamp);
    }
  }

  /** As {@link #remove(Object)}, with the states of {@code key}'s tags at hand in {@code stamp}. */
  void remove(K key, TagStamp stamp) {
    // The state may be collected once nothing holds it.
    stamp.forEachState(state -> keysByTag.computeIfPresent(state, (tag, held) -> {
      if (held instanceof Keys<?> keys) {
        keys.set.remove(key);
        return keys.set.isEmpty() ? null : keys;
      }
      return held.equals(key) ? null : held;
    }));
  }

  /**
   * The keys held under {@code state}, which an invalidation just moved on: a live view, which
   * each key leaves as L1 removes it. Not taken out of the index: a second invalidation of the
   * tag, running beside the first, must still find the keys the first has not removed yet, and
   * not return before they are gone.
   */
  Collection<K> keysUnder(TagState state) {
    Object held = keysByTag.get(state);
    if (held == null) {
      return Set.of();
    }
    // A single key stays in the index until L1 removed it, as each of a set does.
    if (held instanceof Keys<?> keys) {
      return cast(keys.set);
    }
    K single = cast(held);
    return List.of(single);
  }

  /** Forgets every key, as L1 is cleared. */
  void clear() {
    keysByTag.clear();
    evicted.clear();
  }

  /**
   * Records that Caffeine is evicting {@code key}: its value may still be visible until the
   * eviction ends, so the key stays indexed until {@link LocalTier} checks, later, under the
   * key's lock, that L1 no longer holds it.
   */
  void evicted(K key) {
    evicted.add(key);
  }

  /** {@return a key evicted since it was last asked; null when none is} */
  @Nullable K pollEvicted() {
    return evicted.poll();
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object held) {
    return (T) held;
  }

  /** The keys of a tag held by more than one; a class of its own, which no key can be. */
  private static final class Keys<K> {
    final Set<K> set = ConcurrentHashMap.newKeySet();

    Keys(K first) {
      set.add(first);
    }
  }

  /** {@return how many tags it holds keys under} For tests. */
  int tags() {
    return keysByTag.size();
  }
}
