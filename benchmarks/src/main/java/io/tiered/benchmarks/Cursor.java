package io.tiered.benchmarks;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Each benchmark thread walks the keys on its own, so threads do not share a counter. */
@State(Scope.Thread)
public class Cursor {
  private int index;

  int next() {
    index = (index + 1) & Keys.MASK;
    return index;
  }
}
