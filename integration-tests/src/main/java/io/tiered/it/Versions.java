package io.tiered.it;

import io.tiered.Fallback;
import io.tiered.Invalidate;
import io.tiered.Put;
import io.tiered.RefreshAfter;
import io.tiered.Tiered;

/** A versioned record per key, whose writes race its loads and refreshes in a stress test. */
@Tiered(ttl = "5m")
@Fallback(tier = "shared")
@RefreshAfter("1ms")
public interface Versions {

  long version(int key);

  /** Writes a new version of {@code key}. */
  @Invalidate("version")
  void bump(int key);

  /** Writes a new version of each key, evicted in one batch. */
  @Invalidate("version")
  void bumpAll(int... keys);

  /** Writes a new version of {@code key} and caches it. */
  @Put("version")
  long bumpAndGet(int key);
}
