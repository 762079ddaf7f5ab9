package io.tiered.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One tag in one runtime: a version that every invalidation of the tag moves on. An entry records
 * the versions of its tags as its load began ({@link TagStamp}), and is invalid once one moved.
 */
final class TagState {
  private static final VarHandle VERSION;

  static {
    try {
      VERSION = MethodHandles.lookup().findVarHandle(TagState.class, "version", long.class);
    } catch (ReflectiveOperationException impossible) {
      throw new ExceptionInInitializerError(impossible);
    }
  }

  private final String tag;
  @SuppressWarnings("unused") // read and written through VERSION
  private volatile long version;

  TagState(String tag) {
    this.tag = tag;
  }

  String tag() {
    return tag;
  }

  long version() {
    return version;
  }

  /** Makes every stamp taken before invalid. */
  void invalidate() {
    VERSION.getAndAdd(this, 1L);
  }

  @Override
  public String toString() {
    return tag + "@" + version;
  }
}
