package io.tiered.runtime;

/** The one key of a cached method without parameters. */
public enum NoKey {
  /** The key of every call, so that all calls share one entry. */
  INSTANCE
}
