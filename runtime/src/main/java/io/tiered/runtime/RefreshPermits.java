package io.tiered.runtime;

import java.util.concurrent.Semaphore;

/**
 * Bounds how many background refreshes of one runtime run at once, so that 10,000 keys going
 * stale together become a steady trickle of origin calls rather than a flood. Waiting refreshes
 * park their virtual thread on a {@link Semaphore}, which never pins it.
 */
final class RefreshPermits {
  private final Semaphore permits;
  private final int limit;

  RefreshPermits(int limit) {
    this.limit = limit;
    this.permits = new Semaphore(limit);
  }

  void acquire() throws InterruptedException {
    permits.acquire();
  }

  void release() {
    permits.release();
  }

  /** Refreshes running now. */
  int running() {
    return limit - permits.availablePermits();
  }
}
