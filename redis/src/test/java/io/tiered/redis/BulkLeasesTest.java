package io.tiered.redis;

import static com.google.common.truth.Truth.assertThat;
import static io.tiered.redis.Instance.shared;
import static io.tiered.redis.Latches.await;

import io.lettuce.core.api.sync.RedisCommands;
import io.tiered.runtime.CacheEvent;
import io.tiered.runtime.TieredCache;
import io.tiered.runtime.internal.BulkCache;
import io.tiered.runtime.internal.CacheDefinition;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bulk reads under leases, instances (each its own L1 and connection) on one real Redis: a bulk
 * load takes the lease of every key it misses, fills only under them, and waits for the keys
 * another instance is loading, as single-key loads do (see {@link LeasesTest}).
 */
class BulkLeasesTest {
  @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

  private static final String LEASE = "\0tiered-lease:";

  private final AtomicReference<String> version = new AtomicReference<>("v1");
  /** Origin calls of every instance, by key. */
  private final Map<String, AtomicInteger> loadsOf = new ConcurrentHashMap<>();
  private RedisCommands<String, String> raw;

  @BeforeEach
  void connect() {
    raw = redis.newClient().connect().sync();
  }

  private static String redisKey(String key) {
    return "tiered:Svc.price:\"" + key + "\"";
  }

  private static CacheDefinition.Builder<String, String> prices() {
    return shared("Svc.price", String.class, String.class, Duration.ofMinutes(5), true);
  }

  private static UnaryOperator<RedisTiers.Builder> leases(Duration maxWait) {
    return builder -> builder.leases(maxWait, Duration.ofSeconds(10));
  }

  /**
   * The bulk reads of one instance, whose origin reads {@link #version} for each key it is asked
   * for, records the call in {@code calls}, and then waits for {@code finish} before it returns:
   * a fill held open while the test acts.
   */
  private final class Bulk {
    final Instance instance;
    final BulkCache<String, String> cache;
    final TieredCache<String, String> single;
    final Queue<List<String>> calls = new ConcurrentLinkedQueue<>();
    final CountDownLatch loading = new CountDownLatch(1);
    final CountDownLatch finish;

    Bulk(UnaryOperator<RedisTiers.Builder> configure, CountDownLatch finish) {
      this.finish = finish;
      instance = redis.newInstance(configure);
      single = instance.cache(prices(), key -> key + "-" + version.get());
      cache = instance.runtime.bulk(single, keys -> {
        String now = version.get();
        calls.add(List.copyOf(keys));
        keys.forEach(key -> loadsOf.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet());
        loading.countDown();
        await(this.finish);
        Map<String, String> values = new LinkedHashMap<>();
        keys.forEach(key -> values.put(key, key + "-" + now));
        return values;
      });
    }

    /** Starts a bulk read of {@code keys} on a virtual thread of its own. */
    CompletableFuture<Map<String, String>> start(List<String> keys) {
      return CompletableFuture.supplyAsync(() -> cache.getAll(keys), Thread.ofVirtual()::start);
    }
  }

  /**
   * A bulk load that read the origin before another instance's invalidate of one of its keys
   * must not land that key's older value in Redis after the invalidate's UNLINK: every instance
   * would read it until the next write. The invalidate's message has not reached the loading
   * instance yet (its UNLINK alone is done here), so the load is still current there; the lease
   * it took at its read is what refuses the fill.
   */
  @Test
  void aBulkFillThatAnInvalidateOvertookDoesNotLandThatKey() throws Exception {
    Bulk a = new Bulk(UnaryOperator.identity(), new CountDownLatch(1));

    CompletableFuture<Map<String, String>> filling = a.start(List.of("a", "b"));
    await(a.loading);
    assertThat(raw.get(redisKey("a"))).startsWith(LEASE); // A's read leased what it missed
    assertThat(raw.get(redisKey("b"))).startsWith(LEASE);
    version.set("v2");
    raw.unlink(redisKey("a")); // the Redis half of another instance's invalidate of "a"
    a.finish.countDown();

    // A's callers get what its origin returned, but Redis never holds the older value of "a".
    assertThat(filling.get(5, TimeUnit.SECONDS)).containsExactly("a", "a-v1", "b", "b-v1");
    assertThat(raw.get(redisKey("a"))).isNull();
    assertThat(raw.get(redisKey("b"))).contains("b-v1"); // filled under its lease
    assertThat(a.instance.shared(CacheEvent.Kind.INSERT_REJECTED)).hasSize(1);
    // Nor does A's L1 keep it: the next read of "a" loads again.
    assertThat(a.cache.getAll(List.of("a", "b"))).containsExactly("a", "a-v2", "b", "b-v1");
    assertThat(a.calls).containsExactly(List.of("a", "b"), List.of("a")).inOrder();
  }

  /**
   * The same race through another instance's real invalidate, whose message drops A's load of
   * "a" before it writes: the dropped key lands nowhere, and every instance then reads the new
   * version.
   */
  @Test
  void anInvalidateFromAnotherInstanceDuringABulkFillLeavesEveryInstanceWithTheNewValue()
      throws Exception {
    Bulk a = new Bulk(UnaryOperator.identity(), new CountDownLatch(1));
    Bulk b = new Bulk(UnaryOperator.identity(), new CountDownLatch(0));

    CompletableFuture<Map<String, String>> filling = a.start(List.of("a", "b"));
    await(a.loading);
    version.set("v2");
    b.single.invalidate("a");
    a.finish.countDown();

    assertThat(filling.get(5, TimeUnit.SECONDS)).containsExactly("a", "a-v1", "b", "b-v1");
    assertThat(raw.get(redisKey("a"))).isNull(); // A's lease went with the UNLINK
    assertThat(b.cache.getAll(List.of("a", "b"))).containsExactly("a", "a-v2", "b", "b-v1");
    assertThat(a.cache.getAll(List.of("a", "b"))).containsExactly("a", "a-v2", "b", "b-v1");
  }

  /**
   * Two instances bulk-read overlapping cold keys at once: B's read finds A's leases on the keys
   * they share and waits for A's fill instead of calling its own origin for them, which it calls
   * for its other key only. So each key is loaded once across the fleet.
   */
  @Test
  void twoInstancesBulkReadingTheSameColdKeysCallTheOriginOncePerKey() throws Exception {
    Bulk a = new Bulk(leases(Duration.ofSeconds(5)), new CountDownLatch(1));
    Bulk b = new Bulk(leases(Duration.ofSeconds(5)), new CountDownLatch(0));

    CompletableFuture<Map<String, String>> inA = a.start(List.of("a", "b"));
    await(a.loading);
    raw.configResetstat();
    CompletableFuture<Map<String, String>> inB = b.start(List.of("a", "b", "c"));
    awaitCalls("mget"); // B read Redis (and found A's leases) before A fills
    a.finish.countDown();

    assertThat(inA.get(5, TimeUnit.SECONDS)).containsExactly("a", "a-v1", "b", "b-v1");
    assertThat(inB.get(5, TimeUnit.SECONDS))
        .containsExactly("a", "a-v1", "b", "b-v1", "c", "c-v1");
    assertThat(b.calls).containsExactly(List.of("c"));
    assertThat(loadsOf.keySet()).containsExactly("a", "b", "c");
    loadsOf.forEach((key, loads) -> assertThat(loads.get()).isEqualTo(1));
  }

  /**
   * A bulk read under leases reads every key with one {@code MGET}, as without leases, and leases
   * only the keys Redis lacks: keys another instance filled cost no {@code SET}.
   */
  @Test
  void aBulkReadUnderLeasesIsOneMgetAndLeasesOnlyTheKeysRedisLacks() throws Exception {
    Bulk a = new Bulk(UnaryOperator.identity(), new CountDownLatch(0));
    assertThat(a.cache.getAll(List.of("a", "b"))).containsExactly("a", "a-v1", "b", "b-v1");

    Bulk b = new Bulk(UnaryOperator.identity(), new CountDownLatch(0));
    raw.configResetstat();
    assertThat(b.cache.getAll(List.of("a", "b"))).containsExactly("a", "a-v1", "b", "b-v1");
    assertThat(calls("mget")).isEqualTo(1);
    assertThat(calls("set")).isEqualTo(0);
    assertThat(b.calls).isEmpty();

    Bulk c = new Bulk(UnaryOperator.identity(), new CountDownLatch(0));
    raw.configResetstat();
    assertThat(c.cache.getAll(List.of("a", "b", "c")))
        .containsExactly("a", "a-v1", "b", "b-v1", "c", "c-v1");
    assertThat(calls("mget")).isEqualTo(1);
    assertThat(calls("set")).isEqualTo(2); // the lease of "c", then its fill (in the script)
    assertThat(c.calls).containsExactly(List.of("c"));
    assertThat(raw.get(redisKey("c"))).contains("c-v1");
  }

  /** A bulk load whose origin throws gives every lease it took up at once: no one waits on it. */
  @Test
  void aFailedBulkLoadGivesItsLeasesUpAtOnce() throws Exception {
    Duration maxWait = Duration.ofSeconds(3);
    Instance a = redis.newInstance(leases(maxWait));
    BulkCache<String, String> failing = a.runtime.bulk(a.cache(prices(), key -> "single"),
        keys -> {
          throw new IllegalStateException("origin down");
        });
    CompletableFuture<Map<String, String>> failed =
        CompletableFuture.supplyAsync(() -> failing.getAll(List.of("a", "b")));
    assertThat(failed.handle((values, error) -> error).get(5, TimeUnit.SECONDS)).isNotNull();
    assertThat(raw.get(redisKey("a"))).isNull();
    assertThat(raw.get(redisKey("b"))).isNull();

    Bulk b = new Bulk(leases(maxWait), new CountDownLatch(0));
    long start = System.nanoTime();
    assertThat(b.cache.getAll(List.of("a", "b"))).containsExactly("a", "a-v1", "b", "b-v1");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(maxWait);
  }

  /**
   * A bulk load waiting on another instance's lease that is never filled stops after
   * {@code maxWait}, loads the key itself under that lease, and fills it; the slow holder's fill
   * then lands nowhere.
   */
  @Test
  void aBulkWaiterGivesUpAfterMaxWaitAndFillsUnderTheLeaseItWaitedOn() throws Exception {
    Duration maxWait = Duration.ofMillis(300);
    Bulk a = new Bulk(leases(maxWait), new CountDownLatch(1));
    CompletableFuture<Map<String, String>> slow = a.start(List.of("a"));
    await(a.loading);

    Bulk b = new Bulk(leases(maxWait), new CountDownLatch(0));
    version.set("v2");
    long start = System.nanoTime();
    assertThat(b.cache.getAll(List.of("a", "b"))).containsExactly("a", "a-v2", "b", "b-v2");
    Duration waited = Duration.ofNanos(System.nanoTime() - start);

    assertThat(waited).isAtLeast(maxWait);
    assertThat(b.calls).containsExactly(List.of("a", "b")); // one origin call, after the wait
    assertThat(raw.get(redisKey("a"))).contains("a-v2");
    a.finish.countDown();
    assertThat(slow.get(5, TimeUnit.SECONDS)).containsExactly("a", "a-v1");
    assertThat(raw.get(redisKey("a"))).contains("a-v2"); // A's lease is gone, so is its fill
  }

  /** With leases off, a bulk load reads with one MGET and fills with plain SETs, as before. */
  @Test
  void withoutLeasesABulkFillThatAnInvalidateOvertookLandsItsOlderValue() throws Exception {
    Bulk a = new Bulk(builder -> builder.leases(Duration.ZERO), new CountDownLatch(1));

    CompletableFuture<Map<String, String>> filling = a.start(List.of("a", "b"));
    await(a.loading);
    assertThat(raw.get(redisKey("a"))).isNull(); // no lease
    version.set("v2");
    raw.unlink(redisKey("a"));
    a.finish.countDown();

    assertThat(filling.get(5, TimeUnit.SECONDS)).containsExactly("a", "a-v1", "b", "b-v1");
    assertThat(raw.get(redisKey("a"))).contains("a-v1"); // the stale set leases exist to prevent
  }

  /** Waits until Redis ran {@code command} since the last CONFIG RESETSTAT. */
  private void awaitCalls(String command) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (calls(command) == 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(command + " not run within 10 s");
      }
      Thread.sleep(1);
    }
  }

  /** How many times Redis ran {@code command} since the last CONFIG RESETSTAT. */
  private long calls(String command) {
    Matcher calls = Pattern.compile("cmdstat_" + command + ":calls=(\\d+)")
        .matcher(raw.info("commandstats"));
    return calls.find() ? Long.parseLong(calls.group(1)) : 0;
  }
}
