package io.tiered.runtime.internal;

/**
 * The tier names the runtime keeps for itself, as events name them: no fallback tier may be
 * declared or bound under one. {@code CacheEvent.L1} and {@code CacheEvent.ORIGIN} are these.
 */
public final class TierNames {
  /** The tier name of the in-process first tier. */
  public static final String L1 = "l1";

  /** The tier name used for events about the origin (the service behind the cache). */
  public static final String ORIGIN = "origin";

  private TierNames() {}

  /**
   * {@return whether {@code name} may not name a fallback tier: blank, or reserved}
   *
   * @param name a tier name
   */
  public static boolean isBlankOrReserved(String name) {
    return name.isBlank() || name.equals(L1) || name.equals(ORIGIN);
  }
}
