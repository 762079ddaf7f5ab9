package io.tiered.redis;

import static com.google.common.truth.Truth.assertThat;
import static io.tiered.redis.Instance.shared;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.api.sync.RedisCommands;
import io.tiered.redis.Fixtures.Query;
import io.tiered.runtime.CacheEvent;
import io.tiered.runtime.CacheEventListener;
import io.tiered.runtime.TieredCache;
import io.tiered.runtime.TieredRuntime;
import io.tiered.runtime.internal.CacheDefinition;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Two instances (runtimes with their own L1 and factory) sharing one Redis. */
class CrossInstanceTest {
  @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

  private static final Duration TTL = Duration.ofMinutes(5);
  private static final Duration PROPAGATION = Duration.ofSeconds(5);

  private final AtomicReference<String> current = new AtomicReference<>("v1");

  private static CacheDefinition.Builder<Query, String> quotes() {
    return shared("Svc.quote", Query.class, String.class, TTL, true);
  }

  private TieredCache<Query, String> inA;
  private TieredCache<Query, String> inB;
  private Instance b;

  @BeforeEach
  void twoInstances() {
    inA = redis.newInstance().cache(quotes(), q -> current.get());
    b = redis.newInstance();
    inB = b.cache(quotes(), q -> current.get());
  }

  private static final Query KEY = new Query("a", 2, "EUR");
  private static final Query OTHER_KEY = new Query("b", 1, "EUR");

  /** Loads both keys through A, then reads them through B: from Redis, then from B's L1. */
  private void cachedInBothInstances() {
    inA.get(KEY);
    inA.get(OTHER_KEY);
    assertThat(inB.get(KEY)).isEqualTo("v1");
    assertThat(inB.get(OTHER_KEY)).isEqualTo("v1");
  }

  @Test
  void aMissInOneInstancesL1IsServedFromRedis() {
    cachedInBothInstances();

    assertThat(inB.get(KEY)).isEqualTo("v1");
    assertThat(b.originCalls.get()).isEqualTo(0);
  }

  @Test
  void invalidatingInOneInstanceEvictsTheKeyFromTheOthersL1() {
    cachedInBothInstances();

    current.set("v2"); // the service writes, then evicts the key
    inA.invalidate(KEY);

    await().atMost(PROPAGATION).until(() -> inB.get(KEY).equals("v2"));
    assertThat(inB.get(OTHER_KEY)).isEqualTo("v1");
    assertThat(b.originCalls.get()).isEqualTo(1);
  }

  @Test
  void aBatchInvalidateIsOneUnlinkAndOneMessageAndEvictsEveryKeyFromTheOthersL1() {
    cachedInBothInstances();
    Query notCached = new Query("c", 3, "EUR");
    RedisCommands<String, String> admin = redis.newClient().connect().sync();
    admin.configResetstat();

    current.set("v2");
    inA.invalidateAll(List.of(KEY, OTHER_KEY, notCached));

    assertThat(calls(admin, "unlink")).isEqualTo(1);
    assertThat(calls(admin, "publish")).isEqualTo(1);
    await().atMost(PROPAGATION).until(() -> inB.get(KEY).equals("v2"));
    assertThat(inB.get(OTHER_KEY)).isEqualTo("v2");
    assertThat(b.originCalls.get()).isEqualTo(2);
  }

  /** How many times Redis ran {@code command} since the last CONFIG RESETSTAT. */
  private static long calls(RedisCommands<String, String> admin, String command) {
    Matcher calls = Pattern.compile("cmdstat_" + command + ":calls=(\\d+)")
        .matcher(admin.info("commandstats"));
    return calls.find() ? Long.parseLong(calls.group(1)) : 0;
  }

  @Test
  void invalidateAllInOneInstanceEvictsEveryKeyFromTheOthersL1() {
    cachedInBothInstances();

    current.set("v2");
    inA.invalidateAll();

    await().atMost(PROPAGATION).until(() -> inB.get(KEY).equals("v2"));
    assertThat(inB.get(OTHER_KEY)).isEqualTo("v2");
  }

  @Test
  void runtimesSharingOneFactoryInvalidateEachOther() {
    try (RedisTierFactory factory = RedisTiers.factory(redis.newClient());
        TieredRuntime first = TieredRuntime.builder().tier(Instance.SHARED, factory).build();
        TieredRuntime second = TieredRuntime.builder().tier(Instance.SHARED, factory).build()) {
      TieredCache<Query, String> inFirst = first.cache(quotes().build(), q -> current.get());
      TieredCache<Query, String> inSecond = second.cache(quotes().build(), q -> current.get());
      inFirst.get(KEY);
      assertThat(inSecond.get(KEY)).isEqualTo("v1");

      current.set("v2");
      inFirst.invalidate(KEY);

      assertThat(inSecond.get(KEY)).isEqualTo("v2"); // told directly, not through Redis
    }
  }

  @ParameterizedTest(name = "invalidateAll: {0}")
  @ValueSource(booleans = {false, true})
  void aSiblingThatReadsAsItIsToldOfAnInvalidateNeverKeepsTheOldValue(boolean all)
      throws Exception {
    SiblingRead gap = new SiblingRead();
    try (RedisTierFactory factory = RedisTiers.factory(redis.newClient());
        TieredRuntime first = TieredRuntime.builder().tier(Instance.SHARED, factory).build();
        TieredRuntime second = TieredRuntime.builder().tier(Instance.SHARED, factory)
            .listener(gap).build()) {
      TieredCache<Query, String> inFirst = first.cache(quotes().build(), q -> current.get());
      TieredCache<Query, String> inSecond = second.cache(quotes().build(), q -> current.get());
      gap.cache = inSecond;
      inFirst.get(KEY); // in Redis; the second runtime never read it

      current.set("v2");
      gap.armed.set(true);
      if (all) {
        inFirst.invalidateAll();
      } else {
        inFirst.invalidate(KEY);
      }

      assertThat(gap.read.get(5, TimeUnit.SECONDS)).isEqualTo("v2");
      assertThat(inSecond.get(KEY)).isEqualTo("v2"); // its own instance's message never comes
    }
  }

  @Test
  void aPutInOneInstanceReachesTheOthersL1FromRedis() {
    cachedInBothInstances();

    current.set("v2"); // the service writes, then puts what it wrote
    inA.put(KEY, "v2");

    await().atMost(PROPAGATION).until(() -> inB.get(KEY).equals("v2"));
    assertThat(inB.get(OTHER_KEY)).isEqualTo("v1");
    assertThat(b.originCalls.get()).isEqualTo(0); // B read the put's value back from Redis
  }

  /**
   * A put begun before its write, whose write another instance's then overtook: its value may be
   * the older one, so it lands in no tier of any instance, and the key is loaded again.
   */
  @Test
  void aPutOvertakenByAnotherInstancesWriteLandsNowhere() {
    cachedInBothInstances();

    TieredCache.PendingPut<Query, String> put = inA.beginPut(KEY);
    current.set("v2"); // A's write
    current.set("v3"); // B's write, then its invalidate
    inB.invalidate(KEY);
    put.complete("v2");

    assertThat(inA.get(KEY)).isEqualTo("v3");
    await().atMost(PROPAGATION).until(() -> inB.get(KEY).equals("v3"));
    assertThat(redisValues()).hasSize(2);
    assertThat(redisValues().stream().filter(value -> value.contains("v2")).toList()).isEmpty();
  }

  @Test
  void aCancelledPutLeavesRedisAsItWas() {
    cachedInBothInstances();
    List<String> before = redisValues();

    inA.beginPut(KEY).cancel(); // its write failed

    assertThat(redisValues()).isEqualTo(before);
    RedisCommands<String, String> inspect = redis.newClient().connect().sync();
    assertThat(inspect.keys("tiered:Svc.quote:*").stream().map(inspect::pttl).toList())
        .doesNotContain(-1L); // each kept its expiry
    assertThat(inB.get(KEY)).isEqualTo("v1");
    assertThat(inA.get(KEY)).isEqualTo("v1");
    assertThat(b.originCalls.get()).isEqualTo(0);
  }

  /** The values Redis holds for the cache, sorted. */
  private static List<String> redisValues() {
    RedisCommands<String, String> inspect = redis.newClient().connect().sync();
    return inspect.keys("tiered:Svc.quote:*").stream().sorted().map(inspect::get).toList();
  }

  /**
   * When the sibling runtime drops the key from its L1 (told by the first), reads the key on a
   * thread of its own, and holds the invalidating thread until that read reached Redis: a read
   * racing the invalidate, at the worst moment.
   */
  private static final class SiblingRead implements CacheEventListener {
    final AtomicBoolean armed = new AtomicBoolean();
    final CountDownLatch readRedis = new CountDownLatch(1);
    volatile TieredCache<Query, String> cache;
    volatile CompletableFuture<String> read;

    @Override
    public void onEvent(CacheEvent event) {
      if (event.tier().equals(Instance.SHARED) && (event.kind() == CacheEvent.Kind.HIT
          || event.kind() == CacheEvent.Kind.MISS)) {
        readRedis.countDown();
      } else if (event.kind() == CacheEvent.Kind.INVALIDATED
          && event.tier().equals(CacheEvent.L1) && armed.compareAndSet(true, false)) {
        read = CompletableFuture.supplyAsync(() -> cache.get(KEY), Thread.ofVirtual()::start);
        Latches.await(readRedis);
      }
    }
  }
}
