package io.tiered.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tiered.runtime.CacheEvent.Kind;
import io.tiered.runtime.CacheEvent.Operation;
import org.junit.jupiter.api.Test;

class CacheEventTest {

  @Test
  void anErrorNamesTheFailedOperationAndNoOtherEventDoes() {
    RuntimeException failure = new IllegalStateException("down");

    assertThat(new CacheEvent(Kind.ERROR, "Test.get", "shared", 0, 1, false, failure,
        Operation.INVALIDATE).operation()).isEqualTo(Operation.INVALIDATE);
    assertThat(assertThrows(IllegalArgumentException.class, () ->
        new CacheEvent(Kind.ERROR, "Test.get", "shared", 0, 1, false, failure, null)))
        .hasMessageThat().contains("ERROR event names the tier operation");
    assertThrows(IllegalArgumentException.class, () ->
        new CacheEvent(Kind.HIT, "Test.get", "l1", 0, 1, false, null, Operation.GET));
  }
}
