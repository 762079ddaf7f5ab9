package io.tiered.redis;

import static com.google.common.truth.Truth.assertThat;
import static io.tiered.redis.TaggedTiers.entry;
import static io.tiered.redis.TaggedTiers.valueOf;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lettuce.core.KillArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.tiered.redis.TaggedTiers.RecordedUpstream;
import io.tiered.runtime.testing.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A tag invalidation Redis misses never fails the caller: the tag is pending, no key carrying it
 * is read or written there meanwhile, and it is replayed (new token, then the message) once Redis
 * answers again.
 */
class PendingTagsTest {
  @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

  private final ManualClock clock = new ManualClock();
  private final RecordedUpstream upstreamA = new RecordedUpstream();
  private final RecordedUpstream upstreamB = new RecordedUpstream();

  @Test
  void aTagOneInstanceCouldNotSendIsPendingThereAndReplayedOnceItReconnects() {
    Instance a = redis.newInstance(redis.newClient("instance-a", Duration.ofSeconds(2)),
        builder -> builder);
    Instance b = redis.newInstance();
    RedisTier<String, String> inA = TaggedTiers.tagged(a.factory, clock, upstreamA);
    RedisTier<String, String> inB = TaggedTiers.tagged(b.factory, clock, upstreamB);
    inA.put("a1", entry("v1", clock));
    inA.put("b1", entry("v1", clock));
    RedisCommands<String, String> raw = redis.newClient().connect().sync();
    String before = TaggedTiers.token(raw, "product:a1");

    disconnect(raw, "instance-a");
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThrows(RedisTierException.class, () -> inA.get("b1"))); // A noticed
    a.factory.invalidateTag("product:a1"); // does not throw

    assertThat(upstreamA.tags).containsExactly("product:a1"); // its own runtimes are told
    assertThat(inA.get("a1")).isNull(); // no round trip: a disconnected read would throw
    RedisTierException skipped =
        assertThrows(RedisTierException.class, () -> inA.put("a1", entry("v2", clock)));
    assertThat(skipped).hasMessageThat().contains("skipped until");
    assertThat(valueOf(inB.get("a1"))).isEqualTo("v1"); // Redis has not heard of it yet
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(upstreamB.tags).containsExactly("product:a1");
      assertThat(inB.get("a1")).isNull();
    });
    assertThat(TaggedTiers.token(raw, "product:a1")).isNotEqualTo(before);
    inA.put("a1", entry("v2", clock)); // replayed: written again
    assertThat(valueOf(inB.get("a1"))).isEqualTo("v2");
  }

  @Test
  void aTagInvalidatedWhileRedisIsDownIsReplayedAfterItRestarts() throws Exception {
    Instance a = redis.newInstance(redis.newClient("instance-a", Duration.ofSeconds(3)),
        builder -> builder);
    Instance b = redis.newInstance();
    RedisTier<String, String> inA = TaggedTiers.tagged(a.factory, clock, upstreamA);
    RedisTier<String, String> inB = TaggedTiers.tagged(b.factory, clock, upstreamB);

    redis.server().kill();
    a.factory.invalidateTag("group:a");
    redis.server().restart();
    // B is back first, and writes a key carrying the tag with the tokens Redis has now.
    await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
        .untilAsserted(() -> inB.put("a2", entry("before the replay", clock)));
    assertThat(valueOf(inB.get("a2"))).isEqualTo("before the replay");
    assertThat(inA.get("a2")).isNull(); // pending on A: not read there

    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
      assertThat(upstreamB.tags).contains("group:a");
      assertThat(inB.get("a2")).isNull();
    });
  }

  /** Kills the connections of client {@code name}: both of its factory's. */
  private static void disconnect(RedisCommands<String, String> raw, String name) {
    for (String client : raw.clientList().split("\n")) {
      if (client.contains(" name=" + name + " ")) {
        long id = Long.parseLong(client.substring(3, client.indexOf(' ')));
        raw.clientKill(KillArgs.Builder.id(id));
      }
    }
  }
}
