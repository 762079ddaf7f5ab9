package io.tiered.runtime;

/** Ready-made tier factories. */
public final class Tiers {
  private static final TierFactory MEMORY = MemoryTier::new;

  private Tiers() {}

  /**
   * The in-process tier, backed by Caffeine (W-TinyLFU eviction, bounded by the spec's
   * {@code maximumSize}; each entry expires after its own ttl, read from the runtime's clock).
   * Used for L1, and usable as a {@code @Fallback} tier in tests and single-instance services.
   */
  public static TierFactory memory() {
    return MEMORY;
  }
}
