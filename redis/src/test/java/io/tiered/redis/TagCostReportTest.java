package io.tiered.redis;

import static com.google.common.truth.Truth.assertThat;
import static io.tiered.redis.TaggedTiers.entry;

import io.tiered.redis.TaggedTiers.RecordedUpstream;
import io.tiered.runtime.KeyTags;
import io.tiered.runtime.testing.ManualClock;
import java.time.Duration;
import java.util.Arrays;
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

  private static final int WARMUP = 2_000;
  private static final int SAMPLES = 5_000;
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
    long[] on = new long[SAMPLES];
    long[] off = new long[SAMPLES];
    for (int i = 0; i < WARMUP + SAMPLES; i++) {
      long start = System.nanoTime();
      tagged.accept(i);
      long middle = System.nanoTime();
      untagged.accept(i);
      long end = System.nanoTime();
      if (i >= WARMUP) {
        on[i - WARMUP] = middle - start;
        off[i - WARMUP] = end - middle;
      }
    }
    Arrays.sort(on);
    Arrays.sort(off);
    System.out.println("[redis-tags] " + what + ", tagged:   " + summary(on));
    System.out.println("[redis-tags] " + what + ", untagged: " + summary(off));
    assertThat(Duration.ofNanos(on[SAMPLES / 2])).isLessThan(Duration.ofMillis(50));
  }

  private static String summary(long[] sorted) {
    return String.format("median %.1f µs, p99 %.1f µs (%d calls)",
        sorted[sorted.length / 2] / 1e3, sorted[sorted.length * 99 / 100] / 1e3, sorted.length);
  }
}
