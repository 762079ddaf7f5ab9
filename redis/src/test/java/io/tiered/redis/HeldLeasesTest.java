package io.tiered.redis;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The bookkeeping of the leases one tier's loads hold, without Redis. */
class HeldLeasesTest {
  private static final long LONG_LIVED = System.nanoTime() + Duration.ofHours(1).toNanos();

  private static Lease lease(String redisKey, long expiresAtNanos) {
    return new Lease(redisKey, new byte[] {1}, expiresAtNanos, true, null, 0);
  }

  @Test
  void eachLoadTakesBackOnlyItsOwnLeaseOfAKey() {
    HeldLeases held = new HeldLeases();
    Object first = new Object();
    Object second = new Object();
    Lease secondLease = lease("k", LONG_LIVED);
    held.hold(first, lease("k", LONG_LIVED));
    held.hold(second, secondLease);

    assertThat(held.take(first, "other")).isNull(); // a load holds a lease on its own key only
    held.take(first, "k");

    assertThat(held.take(first, "k")).isNull();
    assertThat(held.take(second, "k")).isSameInstanceAs(secondLease);
  }

  @Test
  void leasesOfLoadsThatNeverCameBackGoOnceExpired() {
    HeldLeases held = new HeldLeases();
    long expired = System.nanoTime() - 1;
    for (int load = 0; load < 5_000; load++) {
      held.hold(new Object(), lease("k" + load, expired));
    }

    assertThat(held.size()).isLessThan(5_000);
  }

  /** Not a scan of every lease on every hold once many are live: 400,000 would take minutes. */
  @Test
  void holdingIsConstantTimeHoweverManyLeasesAreLive() {
    HeldLeases held = new HeldLeases();

    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      for (int load = 0; load < 400_000; load++) {
        held.hold(new Object(), lease("k" + load, LONG_LIVED));
      }
    });
    assertThat(held.size()).isEqualTo(400_000);
  }
}
