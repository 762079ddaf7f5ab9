package io.tiered.redis;

import static com.google.common.truth.Truth.assertThat;
import static io.tiered.redis.TaggedTiers.entry;

import io.tiered.redis.TaggedTiers.RecordedUpstream;
import io.tiered.runtime.KeyTags;
import io.tiered.runtime.testing.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A JMH-free measurement against the local redis-server, printed for docs/redis.md: what a
 * tagged key's L2 hit costs against an untagged one's (the tier's read alone, no engine), both
 * side by side, interleaved call by call in one JVM. Bounds are loose; the figures are the point.
 */
class TagCostReportTest {
  @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

  private static final List<String> BATCH =
      java.util.stream.IntStream.range(0, 100).mapToObj(i -> "k" + i).toList();

  @Test
  void costOfTagsOnAnL2Hit() {
    ManualClock clock = new ManualClock();
    Instance instance = redis.newInstance();
    RedisTier<String, String> tagged = TaggedTiers.tagged(instance.factory, clock,
        new RecordedUpstream());
    RedisTier<String, String> untagged = TaggedTiers.tier(instance.factory, "Svc.plain", clock,
        new RecordedUpstream(), KeyTags.none());
    Map<String, io.tiered.runtime.CacheEntry<String>> entries = new java.util.HashMap<>();
    BATCH.forEach(key -> entries.put(key, entry("value of " + key, clock)));
    tagged.putAll(entries);
    untagged.putAll(entries);

    sideBySide("L2 hit (GET), 2 tags", i -> tagged.get("k1"), i -> untagged.get("k1"));
    sideBySide("L2 hit under leases (SET NX GET), 2 tags",
        i -> tagged.getForLoad("k1", new Object()), i -> untagged.getForLoad("k1", new Object()));
    sideBySide("100-key bulk hit (MGET), 2 tags each, 101 distinct",
        i -> tagged.getAll(BATCH), i -> untagged.getAll(BATCH));
  }

  private static void sideBySide(String what, IntConsumer tagged, IntConsumer untagged) {
    SideBySide times = SideBySide.time(tagged, untagged);
    System.out.println("[redis-tags] " + what + ", tagged:   "
        + SideBySide.summary(times.first()));
    System.out.println("[redis-tags] " + what + ", untagged: "
        + SideBySide.summary(times.second()));
    assertThat(Duration.ofNanos(times.firstMedian())).isLessThan(Duration.ofMillis(50));
  }

}
