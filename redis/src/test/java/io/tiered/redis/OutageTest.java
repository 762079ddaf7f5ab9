package io.tiered.redis;

import static com.google.common.truth.Truth.assertThat;
import static io.tiered.redis.Instance.shared;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.api.sync.RedisCommands;
import io.tiered.runtime.CacheEvent;
import io.tiered.runtime.TieredCache;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Redis crashing, freezing and starting late: the service keeps answering from L1 and origin. */
class OutageTest {
  @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

  private static final Duration TIMEOUT = Duration.ofMillis(250);
  // A miss reads (GET) then writes (SET) the tier: two commands, each bounded by the timeout.
  private static final Duration CALL_BOUND = TIMEOUT.multipliedBy(2).plusMillis(250);
  private static final Duration TTL = Duration.ofMinutes(5);
  private static final Duration SKIP = Duration.ofSeconds(1);

  private static TieredCache<Integer, String> cache(Instance instance) {
    return instance.cache(shared("Svc.name", Integer.class, String.class, TTL, true),
        key -> "v" + key);
  }

  /** Calls {@code get(key)} and asserts it answered from the origin within the bound. */
  private static long timedGet(TieredCache<Integer, String> cache, int key) {
    long start = System.nanoTime();
    assertThat(cache.get(key)).isEqualTo("v" + key);
    long nanos = System.nanoTime() - start;
    assertThat(Duration.ofNanos(nanos)).isLessThan(CALL_BOUND);
    return nanos;
  }

  @Test
  void callsKeepSucceedingWhileRedisIsDownAndTheTierRecoversAfterARestart() throws Exception {
    Instance a = redis.newInstance();
    TieredCache<Integer, String> cache = cache(a);
    timedGet(cache, 0);

    redis.server().kill();
    long slowest = 0;
    for (int key = 1; key <= 20; key++) {
      slowest = Math.max(slowest, timedGet(cache, key));
    }
    assertThat(a.shared(CacheEvent.Kind.ERROR)).isNotEmpty();
    assertThat(a.shared(CacheEvent.Kind.ERROR).get(0).error()).isInstanceOf(RedisTierException.class);
    System.out.printf("[redis-tier] slowest call while Redis was down: %.2f ms%n", slowest / 1e6);

    redis.server().restart();
    RedisCommands<String, String> inspect = redis.newClient().connect().sync();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      int errorsBefore = a.shared(CacheEvent.Kind.ERROR).size();
      cache.invalidate(100);
      cache.get(100);
      assertThat(a.shared(CacheEvent.Kind.ERROR)).hasSize(errorsBefore);
      // Not stored when the resubscription after the restart dropped the load in flight: the
      // instance may have missed invalidations, so it takes that load's write back.
      assertThat(inspect.exists("tiered:Svc.name:100")).isEqualTo(1L);
    });
    Instance b = redis.newInstance();
    assertThat(cache(b).get(100)).isEqualTo("v100");
    assertThat(b.originCalls.get()).isEqualTo(0);
  }

  @Test
  void aFrozenRedisCostsOneTimeoutThenIsSkippedForAWhile() throws Exception {
    Instance a = redis.newInstance(b -> b.commandTimeout(TIMEOUT).skipAfterTimeout(SKIP));
    TieredCache<Integer, String> cache = cache(a);
    timedGet(cache, 0);

    redis.server().pause();
    try {
      // Its GET waits the timeout, and takes no lease: the load then writes nothing to Redis,
      // where a plain SET could land after an invalidate it raced.
      timedGet(cache, 1);
      timedGet(cache, 2);
      cache.invalidate(0);
    } finally {
      redis.server().resume();
    }

    List<String> errors = a.shared(CacheEvent.Kind.ERROR).stream()
        .map(error -> error.error().getMessage()).toList();
    assertThat(errors).hasSize(3); // GET, GET, UNLINK
    assertThat(errors.get(0)).contains("GET tiered:Svc.name:1: no reply within 250 ms");
    errors.subList(1, 3).forEach(skipped -> assertThat(skipped).contains("skipped"));
    AtomicInteger freshKey = new AtomicInteger(100);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> { // used again after the period
      int before = a.shared(CacheEvent.Kind.INSERTED).size();
      cache.get(freshKey.incrementAndGet());
      assertThat(a.shared(CacheEvent.Kind.INSERTED)).hasSize(before + 1);
    });
  }

  @Test
  void withoutSkippingAFrozenRedisCostsEachCommandAtMostTheTimeout() throws Exception {
    Instance a = redis.newInstance(b -> b.commandTimeout(TIMEOUT).skipAfterTimeout(Duration.ZERO));
    TieredCache<Integer, String> cache = cache(a);
    timedGet(cache, 0);

    redis.server().pause();
    try {
      timedGet(cache, 1);
      timedGet(cache, 2);
    } finally {
      redis.server().resume();
    }

    assertThat(a.shared(CacheEvent.Kind.ERROR).get(0).error().getMessage())
        .contains("no reply within");
  }

  @Test
  void aServiceStartedWhileRedisIsDownUsesItOnceItIsUp() throws Exception {
    redis.server().kill();
    Instance a = redis.newInstance();
    TieredCache<Integer, String> cache = cache(a);
    timedGet(cache, 1);
    assertThat(a.shared(CacheEvent.Kind.ERROR).get(0).error().getMessage())
        .contains("Not connected to Redis yet");

    redis.server().restart();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      cache.invalidate(2);
      cache.get(2);
      assertThat(a.shared(CacheEvent.Kind.INSERTED)).isNotEmpty();
    });
  }

  @Test
  void afterAnOutageEveryL1FrontingTheTierIsDroppedForItMayHaveMissedInvalidations()
      throws Exception {
    AtomicReference<String> current = new AtomicReference<>("v1");
    Instance a = redis.newInstance();
    TieredCache<Integer, String> cache =
        a.cache(shared("Svc.name", Integer.class, String.class, TTL, true), key -> current.get());
    assertThat(cache.get(1)).isEqualTo("v1");

    redis.server().kill();
    current.set("v2"); // another instance's invalidation is lost meanwhile
    redis.server().restart();

    await().atMost(Duration.ofSeconds(10)).until(() -> cache.get(1).equals("v2"));
  }
}
