package io.tiered.redis;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waits on the latches that hold a test's loads open, failing the test rather than hanging it. */
final class Latches {
  private Latches() {}

  /** Waits up to 10 s for {@code latch}; throws, unchecked, when it is not released by then. */
  static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("latch not released within 10 s");
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(interrupted);
    }
  }
}
