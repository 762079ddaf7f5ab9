package io.tiered.redis;

import static com.google.common.truth.Truth.assertThat;
import static io.tiered.redis.TaggedTiers.entry;
import static io.tiered.redis.TaggedTiers.valueOf;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lettuce.core.KillArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.tiered.redis.TaggedTiers.RecordedUpstream;
import io.tiered.runtime.CacheEntry;
import io.tiered.runtime.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two instances of a tagged cache on one real Redis, tier to tier (no engine in front): what one
 * instance's {@code invalidateTag} makes the other's tier serve, message or not, leases on and
 * off, with the two instances' clocks 30 s apart both ways.
 */
class TagsTest {
  @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final List<String> KEYS = List.of("a1", "a2", "b1");

  private ManualClock clockA;
  private ManualClock clockB;
  private Instance a;
  private Instance b;
  private final RecordedUpstream upstreamA = new RecordedUpstream();
  private final RecordedUpstream upstreamB = new RecordedUpstream();
  private RedisTier<String, String> inA;
  private RedisTier<String, String> inB;
  private RedisCommands<String, String> raw;

  /** A and B, leases on or off, A's clock {@code skewSeconds} ahead of START and B's behind. */
  private void twoInstances(boolean leases, int skewSeconds) {
    clockA = new ManualClock(START.plusSeconds(skewSeconds));
    clockB = new ManualClock(START.minusSeconds(skewSeconds));
    Duration maxWait = leases ? RedisTiers.DEFAULT_LEASE_MAX_WAIT : Duration.ZERO;
    a = redis.newInstance(builder -> builder.leases(maxWait));
    // B reconnects slowly: a message published while its pub/sub connection is down is lost.
    b = redis.newInstance(redis.newClient("instance-b", Duration.ofSeconds(3)),
        builder -> builder.leases(maxWait));
    inA = TaggedTiers.tagged(a.factory, clockA, upstreamA);
    inB = TaggedTiers.tagged(b.factory, clockB, upstreamB);
    raw = redis.newClient().connect().sync();
  }

  @ParameterizedTest(name = "leases {0}, clocks {1} s apart")
  @CsvSource({"true, 30", "true, -30", "false, 30", "false, -30"})
  void anInstanceThatMissedTheMessageStillServesNothingCarryingTheTag(boolean leases, int skew) {
    twoInstances(leases, skew);
    inA.put("a1", entry("v1", clockA));
    inA.put("b1", entry("v1", clockA));
    assertThat(valueOf(inB.get("a1"))).isEqualTo("v1");

    raw.clientKill(KillArgs.Builder.typePubsub()); // B hears nothing for 3 s
    a.factory.invalidateTag("product:a1");

    assertThat(inB.get("a1")).isNull(); // stale by tag, read with its token in one round trip
    assertThat(valueOf(inB.get("b1"))).isEqualTo("v1");
    assertThat(inB.getAll(KEYS).keySet()).containsExactly("b1");
    assertThat(upstreamB.tags).isEmpty(); // the message was lost
    // Subscribed again: every L1 in front is dropped, entries carrying the tag with them.
    await().atMost(Duration.ofSeconds(10)).until(() -> upstreamB.everyKeyDropped.get() > 0);
  }

  @ParameterizedTest(name = "leases {0}, clocks {1} s apart")
  @CsvSource({"true, 30", "true, -30", "false, 30", "false, -30"})
  void aLoadBegunBeforeTheInvalidationWritesAnEntryNobodyServes(boolean leases, int skew) {
    twoInstances(leases, skew);
    Object load = new Object();
    assertThat(inB.getForLoad("a1", load)).isNull();

    a.factory.invalidateTag("group:a"); // B's origin call is under way: its value may be older
    assertThat(inB.putLoaded("a1", entry("old", clockB), load)).isTrue();

    assertThat(raw.get(TaggedTiers.redisKey("a1"))).contains("old"); // it landed, stamped
    assertThat(inA.get("a1")).isNull();
    assertThat(inB.get("a1")).isNull();
    assertThat(inB.getForLoad("a1", new Object())).isNull(); // not even for a load
    Object next = new Object();
    assertThat(inA.getForLoad("a1", next)).isNull();
    assertThat(inA.putLoaded("a1", entry("new", clockA), next)).isTrue();
    assertThat(valueOf(inB.get("a1"))).isEqualTo("new"); // a load begun after is served
    assertThat(inA.tokens().kept()).isEqualTo(0);
  }

  @ParameterizedTest(name = "leases {0}, clocks {1} s apart")
  @CsvSource({"true, 30", "true, -30", "false, 30", "false, -30"})
  void bulkReadsServeOnlyTheKeysWhoseTagsAreCurrent(boolean leases, int skew) {
    twoInstances(leases, skew);
    inA.putAll(Map.of("a1", entry("v1", clockA), "a2", entry("v1", clockA),
        "b1", entry("v1", clockA)));
    assertThat(inB.getAll(KEYS).keySet()).containsExactlyElementsIn(KEYS);

    a.factory.invalidateTag("group:a");

    assertThat(inB.getAll(KEYS).keySet()).containsExactly("b1");
    Map<String, Object> loads = Map.of("a1", new Object(), "a2", new Object(), "b1", new Object());
    assertThat(inB.getAllForLoad(loads).keySet()).containsExactly("b1");
    a.factory.invalidateTag("product:a1"); // while B's bulk load of a1 and a2 runs
    assertThat(inB.putAllLoaded(Map.of("a1", entry("v2", clockB), "a2", entry("v2", clockB)),
        loads)).isEmpty();

    Map<String, CacheEntry<String>> read = inA.getAll(KEYS);
    assertThat(read.keySet()).containsExactly("a2", "b1");
    assertThat(read.get("a2").value()).isEqualTo("v2");
    assertThat(inB.tokens().kept()).isEqualTo(0);
  }

  @ParameterizedTest(name = "leases {0}, clocks {1} s apart")
  @CsvSource({"true, 30", "true, -30", "false, 30", "false, -30"})
  void aPutBegunBeforeTheInvalidationIsNeverServedAndOneAfterIs(boolean leases, int skew) {
    twoInstances(leases, skew);
    Object put = new Object();
    inA.beginPut("a1", put);

    b.factory.invalidateTag("product:a1");
    inA.putWritten("a1", entry("put", clockA), put);

    assertThat(inB.get("a1")).isNull();
    assertThat(inA.get("a1")).isNull();
    inB.put("a1", entry("after", clockB)); // a plain put reads the tokens as it writes
    assertThat(valueOf(inA.get("a1"))).isEqualTo("after");
    assertThat(inA.tokens().kept()).isEqualTo(0);
  }

  @ParameterizedTest(name = "leases {0}")
  @CsvSource({"true", "false"})
  void aLoadOrPutThatEndsWithoutWritingForgetsItsStampAndAServedHitKeepsNone(boolean leases) {
    twoInstances(leases, 0);
    inA.put("b1", entry("v1", clockA));

    assertThat(inB.getForLoad("b1", new Object())).isNotNull(); // served: the load ends here
    assertThat(inB.tokens().kept()).isEqualTo(0);
    Object missed = new Object();
    assertThat(inB.getForLoad("a1", missed)).isNull();
    assertThat(inB.tokens().kept()).isEqualTo(1);
    inB.loadAbandoned("a1", missed); // the origin failed
    assertThat(inB.tokens().kept()).isEqualTo(0);

    Map<String, Object> loads = Map.of("a1", new Object(), "a2", new Object(), "b1", new Object());
    assertThat(inB.getAllForLoad(loads).keySet()).containsExactly("b1");
    assertThat(inB.tokens().kept()).isEqualTo(2);
    inB.loadsAbandoned(loads);
    assertThat(inB.tokens().kept()).isEqualTo(0);

    Object put = new Object();
    inB.beginPut("a1", put);
    assertThat(inB.tokens().kept()).isEqualTo(1);
    inB.loadAbandoned("a1", put); // the put was cancelled
    assertThat(inB.tokens().kept()).isEqualTo(0);
    assertThat(raw.get(TaggedTiers.redisKey("a1"))).isNull();
  }

  @ParameterizedTest(name = "leases {0}")
  @CsvSource({"true", "false"})
  void theOtherInstanceAndEveryTierOfTheFactoryHearTheTag(boolean leases) {
    twoInstances(leases, 0);
    RecordedUpstream sibling = new RecordedUpstream();
    RecordedUpstream untagged = new RecordedUpstream();
    TaggedTiers.tagged(a.factory, clockA, sibling); // another runtime's tier on A's factory
    TaggedTiers.tier(b.factory, "Svc.other", clockB, untagged,
        io.tiered.runtime.KeyTags.none()); // its runtime may hold the tag in another cache

    a.factory.invalidateTag("product:a1");

    assertThat(upstreamA.tags).containsExactly("product:a1"); // at once, on the caller's thread
    assertThat(sibling.tags).containsExactly("product:a1");
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      assertThat(upstreamB.tags).containsExactly("product:a1");
      assertThat(untagged.tags).containsExactly("product:a1");
    });
  }

  @ParameterizedTest(name = "leases {0}")
  @CsvSource({"true", "false"})
  void aKeyOfATaggedCacheWithoutTagsIsServedAndFilledAsAnyOther(boolean leases) {
    twoInstances(leases, 0);
    inA.put("x1", entry("v1", clockA));
    inA.put("a1", entry("v1", clockA));
    a.factory.invalidateTag("group:a");

    assertThat(valueOf(inB.get("x1"))).isEqualTo("v1");
    assertThat(inB.getAll(List.of("x1", "a1")).keySet()).containsExactly("x1");
    Object load = new Object();
    assertThat(inB.getForLoad("x2", load)).isNull();
    assertThat(inB.putLoaded("x2", entry("v2", clockB), load)).isTrue();
    assertThat(valueOf(inA.get("x2"))).isEqualTo("v2");
    assertThat(raw.get(TaggedTiers.redisKey("x2"))).startsWith("\0tiered-tags::{");
  }

  /** {@code TieredRuntime.invalidateTag} reaches the factory, which changes the token first. */
  @ParameterizedTest(name = "leases {0}")
  @CsvSource({"true", "false"})
  void theRuntimesInvalidateTagGoesThroughItsRedisFactory(boolean leases) {
    twoInstances(leases, 0);
    inA.put("a1", entry("v1", clockA));
    String before = TaggedTiers.token(raw, "product:a1");

    a.runtime.invalidateTag("product:a1");

    assertThat(TaggedTiers.token(raw, "product:a1")).isNotEqualTo(before);
    assertThat(inB.get("a1")).isNull();
    await().atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(upstreamB.tags).containsExactly("product:a1"));
  }

  @ParameterizedTest(name = "leases {0}")
  @CsvSource({"true", "false"})
  void anEvictedTokenMakesItsEntriesMissesNotCurrentAgain(boolean leases) {
    twoInstances(leases, 0);
    inA.put("a1", entry("v1", clockA));
    String before = TaggedTiers.token(raw, "product:a1");
    a.factory.invalidateTag("product:a1");
    Object load = new Object();
    inA.getForLoad("a1", load);
    inA.putLoaded("a1", entry("v2", clockA), load);
    assertThat(valueOf(inB.get("a1"))).isEqualTo("v2");

    raw.del("tiered:%tag:product:a1"); // as an allkeys-* policy may evict it

    assertThat(inB.get("a1")).isNull();
    assertThat(TaggedTiers.token(raw, "product:a1")).isNotEqualTo(before); // the read made one
  }

  @ParameterizedTest(name = "leases {0}")
  @CsvSource({"true", "false"})
  void untaggedCachesStoreWhatTheCodecWritesAndTaggedOnesAStampFirst(boolean leases) {
    twoInstances(leases, 0);
    RedisTier<String, String> untagged = TaggedTiers.tier(a.factory, "Svc.plain", clockA,
        new RecordedUpstream(), io.tiered.runtime.KeyTags.none());
    untagged.put("a1", entry("v1", clockA));
    inA.put("a1", entry("v1", clockA));

    assertThat(raw.get("tiered:Svc.plain:\"a1\"")).startsWith("{\"cachedAt\":");
    String stamp = TaggedTiers.token(raw, "product:a1") + TaggedTiers.token(raw, "group:a");
    assertThat(raw.get(TaggedTiers.redisKey("a1")))
        .startsWith("\0tiered-tags:" + stamp + ":{\"cachedAt\":");
    assertThat(stamp).matches("[0-9a-f]{32}");
  }

  /**
   * With leases, a value nobody may serve is replaced by the lease of the load that read it, which
   * carries nothing: given up, the key is emptied, not given the unserved value back.
   */
  @ParameterizedTest(name = "leases {0}")
  @CsvSource({"true"})
  void aLeaseTakenOverAnUnservedValueGivesNothingBack(boolean leases) {
    twoInstances(leases, 0);
    inA.put("a1", entry("v1", clockA));
    a.factory.invalidateTag("product:a1");
    Object load = new Object();

    assertThat(inB.getForLoad("a1", load)).isNull();
    assertThat(raw.get(TaggedTiers.redisKey("a1"))).startsWith("\0tiered-lease:");
    inB.loadAbandoned("a1", load);

    assertThat(raw.get(TaggedTiers.redisKey("a1"))).isNull();
    assertThat(inB.tokens().kept()).isEqualTo(0);
  }

  /**
   * A read that waits for another instance's fill judges the value it then finds by the tokens as
   * they are, not as it first read them: a tag invalidated during the wait made its own tokens out
   * of date, not the value filled since. It took that value for one nobody may serve, replaced it
   * with its lease and loaded it again (as every instance after it had to, for its fill, stamped
   * with the tokens from before, was served by none): the fleet model's (c) with tag writes.
   */
  @ParameterizedTest(name = "bulk {0}")
  @CsvSource({"false", "true"})
  void aReadThatWaitedServesTheValueFilledAfterATagInvalidatedMeanwhile(boolean bulk)
      throws Exception {
    twoInstances(true, 0);
    assertThat(inA.getForLoad("a1", new Object())).isNull(); // A holds the lease, and loads
    long sets = setCommands();
    CompletableFuture<CacheEntry<String>> waiting = CompletableFuture.supplyAsync(() -> bulk
        ? inB.getAllForLoad(Map.of("a1", new Object())).get("a1")
        : inB.getForLoad("a1", new Object()));
    // B read the tokens, then found A's lease (both in one round trip): it waits for the fill.
    await().atMost(Duration.ofSeconds(5)).until(() -> setCommands() > sets);

    a.factory.invalidateTag("product:a1");
    inA.put("a1", entry("new", clockA)); // stamped with the tokens as they are now

    assertThat(valueOf(waiting.get(5, TimeUnit.SECONDS))).isEqualTo("new"); // no load of its own
    assertThat(valueOf(inA.get("a1"))).isEqualTo("new"); // still there for every instance
  }

  /** How many {@code SET}s the server ran so far: a lease's read is one. */
  private long setCommands() {
    Matcher calls = Pattern.compile("cmdstat_set:calls=(\\d+)").matcher(raw.info("commandstats"));
    return calls.find() ? Long.parseLong(calls.group(1)) : 0;
  }

  @ParameterizedTest(name = "leases {0}")
  @CsvSource({"true", "false"})
  void aStampedEntryThatDoesNotDecodeIsDeleted(boolean leases) {
    twoInstances(leases, 0);
    inA.put("a1", entry("v1", clockA));
    String stamp = TaggedTiers.token(raw, "product:a1") + TaggedTiers.token(raw, "group:a");
    raw.set(TaggedTiers.redisKey("a1"), "\0tiered-tags:" + stamp + ":not json");

    try {
      inB.get("a1");
    } catch (CorruptEntryException expected) {
      // reported to the engine as a failed read
    }

    assertThat(raw.exists(TaggedTiers.redisKey("a1"))).isEqualTo(0);
    assertThat(Set.copyOf(raw.keys("tiered:%tag:*"))).hasSize(2);
    // A load that read it goes on to the origin, and fills with the stamp it read.
    raw.set(TaggedTiers.redisKey("a1"), "\0tiered-tags:" + stamp + ":not json");
    Object load = new Object();
    assertThrows(CorruptEntryException.class, () -> inB.getForLoad("a1", load));
    assertThat(inB.putLoaded("a1", entry("fixed", clockB), load)).isTrue();
    assertThat(valueOf(inA.get("a1"))).isEqualTo("fixed");
    assertThat(inB.tokens().kept()).isEqualTo(0);
  }
}
