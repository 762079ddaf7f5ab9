package io.tiered.it;

import io.tiered.Tiered;

/** Holds a nested service interface, whose proxy is {@code TieredOuter_Inner}. */
public final class Outer {
  private Outer() {}

  /** A nested interface; method-level {@code @Tiered} caches only {@link #cached}. */
  public interface Inner {

    @Tiered(name = "inner-cached", ttl = "1m")
    String cached(String key);

    String uncached(String key);
  }
}
