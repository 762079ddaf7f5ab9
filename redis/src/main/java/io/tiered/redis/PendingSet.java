package io.tiered.redis;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Names (keys, tags) whose invalidation Redis missed, each with a token of its own, so that a
 * replay that succeeds removes only what it replayed, never an invalidation of the same name that
 * failed while it ran.
 */
final class PendingSet {
  private final ConcurrentHashMap<String, Object> names = new ConcurrentHashMap<>();

  void add(String name) {
    names.put(name, new Object());
  }

  boolean contains(String name) {
    return !names.isEmpty() && names.containsKey(name);
  }

  boolean isEmpty() {
    return names.isEmpty();
  }

  int size() {
    return names.size();
  }

  /** Forgets {@code replayed}, which a clear covered: those pending since stay. */
  void removeAll(Map<String, Object> replayed) {
    replayed.forEach(names::remove);
  }

  /** The pending names with their tokens, now. */
  Map<String, Object> snapshot() {
    return Map.copyOf(names);
  }

  /**
   * Replays each pending name with {@code invalidate}, on its own: on a cluster, one master still
   * down must not hold back the others. Whatever throws stays pending, and the first exception
   * propagates once every name was tried.
   */
  void replayEach(Consumer<String> invalidate) {
    RuntimeException firstFailure = null;
    for (Map.Entry<String, Object> pending : snapshot().entrySet()) {
      try {
        invalidate.accept(pending.getKey());
        names.remove(pending.getKey(), pending.getValue());
      } catch (RuntimeException stillMissing) {
        if (firstFailure == null) {
          firstFailure = stillMissing;
        }
      }
    }
    if (firstFailure != null) {
      throw firstFailure;
    }
  }
}
