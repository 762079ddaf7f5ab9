package io.tiered.redis;

import static com.google.common.truth.Truth.assertThat;
import static io.tiered.redis.TaggedTiers.entry;
import static io.tiered.redis.TaggedTiers.valueOf;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.cluster.SlotHash;
import io.tiered.redis.TaggedTiers.RecordedUpstream;
import io.tiered.runtime.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tags on a real 3-master Redis Cluster: the token keys live on other slots than the keys that
 * carry them, each read and written on its own slot in the key's round trip (no cross-slot
 * script), and the tag's message travels over sharded pub/sub.
 */
class TagsClusterTest {
  @RegisterExtension static final RedisClusterExtension cluster = new RedisClusterExtension();

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  /** a0 … a9 and b0 … b9: over every master. */
  private static final List<String> KEYS = IntStream.range(0, 20)
      .mapToObj(i -> (i < 10 ? "a" : "b") + i % 10).toList();

  @ParameterizedTest(name = "leases {0}, clocks {1} s apart")
  @CsvSource({"true, 30", "false, -30"})
  void anInvalidatedTagIsServedByNoInstanceOnAnySlot(boolean leases, int skew) {
    ManualClock clockA = new ManualClock(START.plusSeconds(skew));
    ManualClock clockB = new ManualClock(START.minusSeconds(skew));
    Duration maxWait = leases ? RedisTiers.DEFAULT_LEASE_MAX_WAIT : Duration.ZERO;
    Instance a = cluster.newInstance(builder -> builder.leases(maxWait));
    Instance b = cluster.newInstance(builder -> builder.leases(maxWait));
    RecordedUpstream upstreamB = new RecordedUpstream();
    RedisTier<String, String> inA = TaggedTiers.tagged(a.factory, clockA, new RecordedUpstream());
    RedisTier<String, String> inB = TaggedTiers.tagged(b.factory, clockB, upstreamB);
    Map<String, io.tiered.runtime.CacheEntry<String>> written = new HashMap<>();
    KEYS.forEach(key -> written.put(key, entry("v1", clockA)));
    inA.putAll(written);
    assertThat(inB.getAll(KEYS)).hasSize(KEYS.size());
    assertThat(KEYS.stream().map(key -> SlotHash.getSlot(TaggedTiers.redisKey(key)))
        .distinct().count()).isGreaterThan(3);

    a.factory.invalidateTag("group:a");

    assertThat(inB.get("a3")).isNull();
    assertThat(valueOf(inB.get("b3"))).isEqualTo("v1");
    assertThat(inB.getAll(KEYS).keySet()).containsExactlyElementsIn(KEYS.subList(10, 20));
    await().atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(upstreamB.tags).containsExactly("group:a"));

    Map<String, Object> loads = new HashMap<>();
    KEYS.forEach(key -> loads.put(key, new Object()));
    assertThat(inB.getAllForLoad(loads).keySet()).containsExactlyElementsIn(KEYS.subList(10, 20));
    Map<String, io.tiered.runtime.CacheEntry<String>> reloaded = new HashMap<>();
    KEYS.subList(0, 10).forEach(key -> reloaded.put(key, entry("v2", clockB)));
    b.factory.invalidateTag("product:a0"); // while B's bulk load runs
    assertThat(inB.putAllLoaded(reloaded, loads)).isEmpty();

    Map<String, io.tiered.runtime.CacheEntry<String>> read = inA.getAll(KEYS);
    assertThat(read.keySet()).hasSize(KEYS.size() - 1);
    assertThat(read).doesNotContainKey("a0");
    assertThat(read.get("a5").value()).isEqualTo("v2");
    assertThat(inB.tokens().kept()).isEqualTo(0);
  }
}
