package io.tiered.redis;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
  void aTagTravelsWithoutACache() {
    byte[] message = Invalidation.ofTag("i1", "product:sku-1").toBytes();

    assertThat(new String(message, StandardCharsets.UTF_8))
        .isEqualTo("{\"instance\":\"i1\",\"tag\":\"product:sku-1\"}");
    Invalidation read = Invalidation.fromBytes(message);
    assertThat(read.tag()).isEqualTo("product:sku-1");
    assertThat(read.cache()).isNull();
  }

  /** The message as instances from before tags read it: they fail on the unknown field. */
  record BeforeTags(String instance, String cache, String key, List<String> keys) {}

  @Test
  void instancesFromBeforeTagsReadATagMessageAsUnreadableAndDropNothing() {
    byte[] message = Invalidation.ofTag("i1", "product:sku-1").toBytes();

    for (MessageJson json : List.of(Jackson2.messages(), Jackson3.messages())) {
      assertThat(json.read(Invalidation.of("i1", "Svc.quote", null).toBytes(), BeforeTags.class))
          .isEqualTo(new BeforeTags("i1", "Svc.quote", null, null));
      assertThat(assertThrows(RuntimeException.class, () -> json.read(message, BeforeTags.class)))
          .hasMessageThat().contains("\"tag\"");
    }
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
