package io.tiered.runtime;

/**
 * Where in a cache's chain a value was found or written: L1 is level 0, the fallback tiers follow
 * in lookup order, and the origin, behind them all, has a level of its own.
 */
final class Levels {
  /** The engine's in-process tier, in front of every other. */
  static final int L1 = 0;
  /** The first fallback tier, right behind L1. */
  static final int FIRST_FALLBACK = 1;
  /** Not a tier: a value the origin produced. */
  static final int ORIGIN = -1;

  private Levels() {}
}
