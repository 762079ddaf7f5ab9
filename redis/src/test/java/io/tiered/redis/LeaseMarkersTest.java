package io.tiered.redis;

import static com.google.common.truth.Truth.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A lease marker: the mark, the instance's id, a colon, then the token in decimal digits. */
class LeaseMarkersTest {

  @Test
  void eachMarkerIsTheMarkThenTheOwnerThenItsTokenInDecimal() {
    AtomicLong tokens = new AtomicLong();
    LeaseMarkers markers = new LeaseMarkers("owner-1", tokens);

    for (long token : new long[] {1, 2, 9, 10, 11, 99, 100, 12_345, Long.MAX_VALUE}) {
      tokens.set(token - 1);
      byte[] marker = markers.next();

      assertThat(new String(marker, StandardCharsets.UTF_8))
          .isEqualTo("\0tiered-lease:owner-1:" + token);
      assertThat(LeaseMarkers.isLease(marker)).isTrue();
      assertThat(LeaseMarkers.carried(marker)).isNull();
    }
  }

  @Test
  void aMarkerCarryingAStaleValueGivesItBack() {
    LeaseMarkers markers = new LeaseMarkers("owner-1", new AtomicLong());
    byte[] stale = "{\"value\":1}".getBytes(StandardCharsets.UTF_8);

    assertThat(LeaseMarkers.carried(markers.nextCarrying(stale))).isEqualTo(stale);
  }
}
