package io.tiered.runtime;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The tags of one runtime, shared by all its caches: a tag's {@link TagState} exists while an
 * entry or a load holds a stamp of it, or an L1 holds a bare value under it ({@link TagIndex}),
 * and is collected after (weak values), so a runtime that
 * tags entries by product id keeps states for the products it holds, not for every product ever
 * seen. A tag nobody holds needs no invalidation: nothing carries it.
 */
final class TagRegistry {
  private final Cache<String, TagState> states;
  /** The L1s of the runtime's tagged caches, which drop a tag's entries as it is invalidated. */
  private final List<Consumer<TagState>> sweeps = new CopyOnWriteArrayList<>();

  private TagRegistry(Cache<String, TagState> states) {
    this.states = states;
  }

  /** Runs {@code sweep} with each state an invalidation moves on, after it moved on. */
  void sweepWith(Consumer<TagState> sweep) {
    sweeps.add(sweep);
  }

  /** {@return a registry that keeps a tag's state while something holds a stamp of it} */
  static TagRegistry weak() {
    return new TagRegistry(Caffeine.newBuilder().weakValues().build());
  }

  /**
   * {@return a registry that keeps every tag's state for ever} Only for Lincheck's model checker,
   * which replays each interleaving and must see the same steps each time: a collection by the GC
   * between two replays is a step it cannot replay.
   */
  static TagRegistry strong() {
    return new TagRegistry(Caffeine.newBuilder().build());
  }

  /** {@return the stamp of an entry whose load begins now with {@code tags}, at least one} */
  TagStamp stamp(List<String> tags) {
    TagState[] held = new TagState[tags.size()];
    for (int i = 0; i < held.length; i++) {
      held[i] = states.get(tags.get(i), TagState::new);
    }
    return new TagStamp(held);
  }

  /**
   * Makes every entry carrying {@code tag}, and every load of one in flight, invalid, and removes
   * the entries L1s hold bare. A tag without a state is carried by nothing: no entry, no load.
   */
  void invalidate(String tag) {
    TagState state = states.getIfPresent(tag);
    if (state != null) {
      state.invalidate();
      for (Consumer<TagState> sweep : sweeps) {
        sweep.accept(state);
      }
    }
  }

  /** {@return how many tags it keeps a state of now: those some entry or load still holds} */
  long size() {
    states.cleanUp();
    return states.estimatedSize();
  }
}
