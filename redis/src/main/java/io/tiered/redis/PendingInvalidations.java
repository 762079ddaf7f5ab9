package io.tiered.redis;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The invalidations of one cache that did not reach Redis (it was unreachable, or did not answer
 * in time). Until they do, Redis may still hold the old values, and the other instances' L1s too,
 * for they were not told: so the tier neither reads nor writes these keys meanwhile, and the
 * factory replays the invalidations once Redis answers again. Past {@link #MAX_KEYS} keys it
 * stops tracking them one by one and replays a clear of the whole cache instead.
 *
 * <p>Each entry carries a token of its own, so that a replay that succeeds removes only what it
 * replayed, never an invalidation of the same key that failed while it ran.
 */
final class PendingInvalidations {
  static final int MAX_KEYS = 10_000;

  private final ConcurrentHashMap<String, Object> keys = new ConcurrentHashMap<>();
  private final AtomicReference<Object> everyKey = new AtomicReference<>();

  void add(String encodedKey) {
    if (keys.size() >= MAX_KEYS) {
      addEveryKey();
    } else {
      keys.put(encodedKey, new Object());
    }
  }

  void addEveryKey() {
    everyKey.set(new Object());
  }

  /** Whether {@code encodedKey} may still hold a value that was invalidated. */
  boolean covers(String encodedKey) {
    return everyKey.get() != null || (!keys.isEmpty() && keys.containsKey(encodedKey));
  }

  boolean isEmpty() {
    return everyKey.get() == null && keys.isEmpty();
  }

  /**
   * Replays what is pending with {@code clear} (every key) or {@code invalidate} (one key);
   * whatever throws stays pending, and the exception propagates.
   */
  void replay(Runnable clear, Consumer<String> invalidate) {
    Object everyKeyToken = everyKey.get();
    Map<String, Object> replayed = Map.copyOf(keys);
    if (everyKeyToken != null) {
      clear.run();
      everyKey.compareAndSet(everyKeyToken, null);
      replayed.forEach(keys::remove); // covered by the clear
      return;
    }
    // Each key on its own: on a cluster, one master still down must not hold back the others.
    RuntimeException firstFailure = null;
    for (Map.Entry<String, Object> pendingKey : replayed.entrySet()) {
      try {
        invalidate.accept(pendingKey.getKey());
        keys.remove(pendingKey.getKey(), pendingKey.getValue());
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
