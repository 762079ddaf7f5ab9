package io.tiered.redis;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The pauses of one wait for another instance's lease: jittered, growing, and none past the
 * deadline. Not thread-safe: one per wait.
 */
final class Backoff {
  private static final long FIRST_PAUSE_NANOS = Duration.ofMillis(2).toNanos();
  private static final long LONGEST_PAUSE_NANOS = Duration.ofMillis(20).toNanos();

  private final long deadline;
  private long pause = FIRST_PAUSE_NANOS;

  /** A wait of at most {@code maxWaitNanos} from now. */
  Backoff(long maxWaitNanos) {
    this.deadline = System.nanoTime() + maxWaitNanos;
  }

  /**
   * Sleeps the next pause; false, without sleeping, once the deadline passed, and when
   * interrupted (the interrupt is kept for the caller to see): stop waiting.
   */
  boolean pause() {
    long left = deadline - System.nanoTime();
    if (left <= 0 || !sleep(Math.min(left, jittered(pause)))) {
      return false;
    }
    pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
    return true;
  }

  /** Between half and all of {@code pause}: instances that missed together poll apart. */
  private static long jittered(long pause) {
    return pause / 2 + ThreadLocalRandom.current().nextLong(pause / 2 + 1);
  }

  private static boolean sleep(long nanos) {
    try {
      Thread.sleep(Duration.ofNanos(nanos));
      return true;
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
