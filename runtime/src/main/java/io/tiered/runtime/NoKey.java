package io.tiered.runtime;

/** The one key of a cached method without parameters. */
public enum NoKey {
  INSTANCE
}
