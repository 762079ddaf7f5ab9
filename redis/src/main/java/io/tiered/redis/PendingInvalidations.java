package io.tiered.redis;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The invalidations of one cache that did not reach Redis (it was unreachable, or did not answer
 * in time). Until they do, Redis may still hold the old values, and the other instances' L1s too,
 * for they were not told: so the tier neither reads nor writes these keys meanwhile, and the
 * factory replays the invalidations once Redis answers again. Past {@link #MAX_KEYS} keys it
 * stops tracking them one by one and replays a clear of the whole cache instead.
 */
final class PendingInvalidations {
  static final int MAX_KEYS = 10_000;

  private final PendingSet keys = new PendingSet();
  private final AtomicReference<Object> everyKey = new AtomicReference<>();

  void add(String encodedKey) {
    if (keys.size() >= MAX_KEYS) {
      addEveryKey();
    } else {
      keys.add(encodedKey);
    }
  }

  void addEveryKey() {
    everyKey.set(new Object());
  }

  /** Whether {@code encodedKey} may still hold a value that was invalidated. */
  boolean covers(String encodedKey) {
    return everyKey.get() != null || keys.contains(encodedKey);
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
    if (everyKeyToken != null) {
      Map<String, Object> replayed = keys.snapshot();
      clear.run();
      everyKey.compareAndSet(everyKeyToken, null);
      keys.removeAll(replayed); // covered by the clear
      return;
    }
    keys.replayEach(invalidate);
  }
}
