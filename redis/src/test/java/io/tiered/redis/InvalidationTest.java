package io.tiered.redis;

import static com.google.common.truth.Truth.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The invalidation message's JSON: one key and every key as before batches, a batch in one. */
class InvalidationTest {

  private static String json(List<String> keys) {
    return new String(Invalidation.of("i1", "Svc.quote", keys).toBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void oneKeyAndEveryKeyReadAsBeforeBatches() {
    assertThat(json(List.of("\"a\""))).isEqualTo(
        "{\"instance\":\"i1\",\"cache\":\"Svc.quote\",\"key\":\"\\\"a\\\"\"}");
    assertThat(json(null)).isEqualTo("{\"instance\":\"i1\",\"cache\":\"Svc.quote\"}");
  }

  @Test
  void aBatchTravelsInOneMessage() {
    byte[] message = Invalidation.of("i1", "Svc.quote", List.of("\"a\"", "\"b\"")).toBytes();

    Invalidation read = Invalidation.fromBytes(message);

    assertThat(read.droppedKeys()).containsExactly("\"a\"", "\"b\"").inOrder();
    assertThat(Invalidation.fromBytes(
        "{\"instance\":\"i1\",\"cache\":\"Svc.quote\",\"key\":null}".getBytes(
            StandardCharsets.UTF_8)).droppedKeys()).isNull();
  }
}
