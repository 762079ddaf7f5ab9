package io.tiered.redis;

import static com.google.common.truth.Truth.assertThat;
import static io.tiered.redis.Instance.shared;

import com.google.common.collect.Range;
import io.lettuce.core.api.sync.RedisCommands;
import io.tiered.runtime.TieredCache;
import io.tiered.runtime.internal.BulkCache;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bulk reads against a real Redis: one round trip to read the keys L1 misses (a pipeline of SET NX
 * GET with leases, an MGET without), one to write what the origin returned.
 */
class BulkTierTest {
  @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

  private static final List<String> KEYS = List.of("a", "b", "c", "d", "e");

  private static final UnaryOperator<RedisTiers.Builder> LEASES_OFF =
      builder -> builder.leases(Duration.ZERO);

  private final AtomicInteger bulkCalls = new AtomicInteger();
  private RedisCommands<String, String> admin;

  @BeforeEach
  void connect() {
    admin = redis.newClient().connect().sync();
  }

  private BulkCache<String, String> bulkIn(Instance instance) {
    TieredCache<String, String> cache = instance.cache(
        shared("Svc.value", String.class, String.class, Duration.ofMinutes(5), true),
        key -> "single-" + key);
    return instance.runtime.bulk(cache, keys -> {
      bulkCalls.incrementAndGet();
      Map<String, String> values = new LinkedHashMap<>();
      keys.forEach(key -> values.put(key, "value-" + key));
      return values;
    });
  }

  @Test
  void withoutLeasesReadsWithOneMgetAndWritesWithOnePipelineThatAnotherInstanceReads() {
    BulkCache<String, String> inA = bulkIn(redis.newInstance(LEASES_OFF));
    BulkCache<String, String> inB = bulkIn(redis.newInstance(LEASES_OFF));
    admin.configResetstat();

    assertThat(inA.getAll(KEYS)).hasSize(5);

    assertThat(calls("mget")).isEqualTo(1);
    assertThat(calls("get")).isEqualTo(0);
    assertThat(calls("set")).isEqualTo(5);
    assertThat(calls("eval") + calls("evalsha")).isEqualTo(0);
    assertThat(bulkCalls.get()).isEqualTo(1);
    long pttl = admin.pttl(admin.keys("*Svc.value*").get(0));
    assertThat(pttl).isIn(Range.closed(1L, 300_000L));

    Map<String, String> fromRedis = inB.getAll(KEYS);

    assertThat(fromRedis).containsExactly("a", "value-a", "b", "value-b", "c", "value-c",
        "d", "value-d", "e", "value-e");
    assertThat(calls("mget")).isEqualTo(2);
    assertThat(bulkCalls.get()).isEqualTo(1);
  }

  /**
   * With leases (the default), the read is one MGET, then one pipeline of SET NX GET for the keys
   * Redis lacks, which leases them, and the fill one pipeline of compare-and-set scripts under
   * those leases. A read of keys Redis holds is the MGET alone.
   */
  @Test
  void withLeasesReadsWithOneMgetLeasesWhatItMissesAndFillsUnderTheLeases() {
    BulkCache<String, String> inA = bulkIn(redis.newInstance());
    BulkCache<String, String> inB = bulkIn(redis.newInstance());
    admin.configResetstat();

    assertThat(inA.getAll(KEYS)).hasSize(5);

    assertThat(calls("mget")).isEqualTo(1); // no key was leased by another instance: no polling
    // The fills, each by its script's SHA-1 (a server that did not know it yet answers the
    // pipelined EVALSHAs NOSCRIPT, and is sent the body with each: EVAL 5 times, once ever).
    assertThat(calls("evalsha")).isEqualTo(5);
    assertThat(calls("set")).isEqualTo(10); // 5 SET NX GET, and a SET in each fill's script
    assertThat(bulkCalls.get()).isEqualTo(1);
    long pttl = admin.pttl(admin.keys("*Svc.value*").get(0));
    assertThat(pttl).isIn(Range.closed(1L, 300_000L));

    Map<String, String> fromRedis = inB.getAll(KEYS);

    assertThat(fromRedis).containsExactly("a", "value-a", "b", "value-b", "c", "value-c",
        "d", "value-d", "e", "value-e");
    assertThat(calls("mget")).isEqualTo(2); // B's read: one MGET that found every value
    assertThat(calls("set")).isEqualTo(10);
    assertThat(calls("evalsha")).isEqualTo(5);
    assertThat(bulkCalls.get()).isEqualTo(1);
  }

  @Test
  void anUndecodableEntryIsAMissDeletedWithoutFailingTheOtherKeys() {
    BulkCache<String, String> inA = bulkIn(redis.newInstance());
    BulkCache<String, String> inB = bulkIn(redis.newInstance());
    inA.getAll(KEYS);
    String corrupt = admin.keys("*Svc.value*").get(0);
    admin.set(corrupt, "not an entry");

    assertThat(inB.getAll(KEYS)).hasSize(5);

    assertThat(bulkCalls.get()).isEqualTo(2); // the corrupt key alone was loaded again
    assertThat(admin.get(corrupt)).contains("value-"); // deleted, leased again, and filled
  }

  /** How many times Redis ran {@code command} since the last CONFIG RESETSTAT. */
  private long calls(String command) {
    Matcher calls = Pattern.compile("cmdstat_" + command + ":calls=(\\d+)")
        .matcher(admin.info("commandstats"));
    return calls.find() ? Long.parseLong(calls.group(1)) : 0;
  }
}
