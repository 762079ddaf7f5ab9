package io.tiered.redis;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingInvalidationsTest {
  private final PendingInvalidations pending = new PendingInvalidations();
  private final List<String> replayed = new ArrayList<>();
  private int clears;

  private void replay() {
    pending.replay(() -> clears++, replayed::add);
  }

  @Test
  void aKeyIsCoveredUntilItsInvalidationIsReplayed() {
    pending.add("\"a\"");

    assertThat(pending.covers("\"a\"")).isTrue();
    assertThat(pending.covers("\"b\"")).isFalse();
    replay();

    assertThat(replayed).containsExactly("\"a\"");
    assertThat(pending.covers("\"a\"")).isFalse();
    assertThat(pending.isEmpty()).isTrue();
  }

  @Test
  void aReplayThatFailsKeepsTheKey() {
    pending.add("\"a\"");

    assertThrows(RedisTierException.class, () -> pending.replay(() -> {}, key -> {
      throw new RedisTierException("UNLINK: Redis is disconnected", null);
    }));

    assertThat(pending.covers("\"a\"")).isTrue();
  }

  @Test
  void anInvalidationMissedAgainWhileItsReplayRunsStaysPending() {
    pending.add("\"a\"");

    pending.replay(() -> {}, key -> pending.add(key)); // the same key fails again meanwhile

    assertThat(pending.covers("\"a\"")).isTrue();
  }

  @Test
  void pastTheBoundEveryKeyIsCoveredAndOneClearIsReplayed() {
    for (int i = 0; i <= PendingInvalidations.MAX_KEYS; i++) {
      pending.add(Integer.toString(i));
    }

    assertThat(pending.covers("\"never invalidated\"")).isTrue();
    replay();

    assertThat(clears).isEqualTo(1);
    assertThat(replayed).isEmpty();
    assertThat(pending.isEmpty()).isTrue();
  }

  @Test
  void aMissedClearCoversEveryKeyUntilReplayed() {
    pending.addEveryKey();

    assertThat(pending.covers("\"any\"")).isTrue();
    replay();

    assertThat(clears).isEqualTo(1);
    assertThat(pending.covers("\"any\"")).isFalse();
  }
}
