package io.tiered.redis;

import static com.google.common.truth.Truth.assertThat;
import static io.tiered.redis.Latches.await;
import static io.tiered.redis.Instance.shared;

import io.lettuce.core.api.sync.RedisCommands;
import io.tiered.runtime.CacheEvent;
import io.tiered.runtime.TieredCache;
import io.tiered.runtime.TieredRuntime;
import io.tiered.runtime.internal.CacheDefinition;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Cross-instance single flight: instances (each its own L1 and connection) on one real Redis. */
class LeasesTest {
  @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

  private static final String KEY = "cold";
  private static final String REDIS_KEY = "tiered:Svc.quote:\"cold\"";

  private final AtomicReference<String> current = new AtomicReference<>("v1");

  private static CacheDefinition.Builder<String, String> quotes() {
    return shared("Svc.quote", String.class, String.class, Duration.ofMinutes(5), true);
  }

  private static UnaryOperator<RedisTiers.Builder> leases(Duration maxWait, Duration leaseTime) {
    return builder -> builder.leases(maxWait, leaseTime);
  }

  /**
   * An instance whose origin reads {@link #current}, then waits for {@link #finish} before it
   * returns what it read: a fill held open while the test acts.
   */
  private final class HeldFill {
    final CountDownLatch loading = new CountDownLatch(1);
    final CountDownLatch finish = new CountDownLatch(1);
    final Instance instance;
    final TieredCache<String, String> cache;

    HeldFill(UnaryOperator<RedisTiers.Builder> configure) {
      instance = redis.newInstance(configure);
      cache = instance.cache(quotes(), key -> {
        String value = current.get();
        loading.countDown();
        await(finish);
        return value;
      });
    }

    /** Starts a get of {@link #KEY} on a thread of its own; returns once its origin call began. */
    CompletableFuture<String> start() {
      CompletableFuture<String> filling = CompletableFuture.supplyAsync(() -> cache.get(KEY),
          Thread.ofVirtual()::start);
      await(loading);
      return filling;
    }
  }

  @Test
  void threeInstancesOfThirtyThreadsMissingOneColdKeyMakeOneOriginCall() throws Exception {
    MissStorm storm = MissStorm.run(redis, UnaryOperator.identity(), KEY); // on by default

    assertThat(storm.originCalls()).isEqualTo(1);
    assertThat(storm.values()).hasSize(90);
    assertThat(storm.values().stream().distinct().toList()).containsExactly("v");
  }

  @Test
  void withoutLeasesTheSameStormCallsTheOriginOncePerInstance() throws Exception {
    MissStorm storm = MissStorm.run(redis, builder -> builder.leases(Duration.ZERO), KEY);

    assertThat(storm.originCalls()).isGreaterThan(1);
  }

  @Test
  void aFillThatAnInvalidateOvertookLandsInNoTier() throws Exception {
    HeldFill a = new HeldFill(UnaryOperator.identity());
    RedisCommands<String, String> raw = redis.newClient().connect().sync();

    CompletableFuture<String> filling = a.start();
    assertThat(raw.get(REDIS_KEY)).startsWith("\0tiered-lease:"); // A holds the lease
    current.set("v2");
    // The Redis half of another instance's invalidate; its message has not reached A yet.
    raw.unlink(REDIS_KEY);
    a.finish.countDown();

    assertThat(filling.get(5, TimeUnit.SECONDS)).isEqualTo("v1"); // its callers still get it
    assertThat(raw.get(REDIS_KEY)).isNull(); // but Redis never holds the older value
    assertThat(a.instance.shared(CacheEvent.Kind.INSERT_REJECTED)).hasSize(1);
    assertThat(a.cache.get(KEY)).isEqualTo("v2"); // nor A's L1: the next call loads again
    assertThat(a.instance.originCalls.get()).isEqualTo(2);
  }

  /**
   * An invalidate on this instance drops load 1 of the key; load 2 of the same key takes a new
   * lease. Load 1, ending, must give up only its own lease (gone with the UNLINK), not load 2's:
   * else load 2 fills with a plain SET and other instances, seeing no lease, call their origins.
   */
  @Test
  void twoLoadsOfOneKeyOnOneInstanceEachEndOnlyTheirOwnLease() throws Exception {
    List<CountDownLatch> loading = List.of(new CountDownLatch(1), new CountDownLatch(1));
    List<CountDownLatch> finish = List.of(new CountDownLatch(1), new CountDownLatch(1));
    AtomicInteger calls = new AtomicInteger();
    Instance a = redis.newInstance(leases(Duration.ofSeconds(5), Duration.ofSeconds(10)));
    TieredCache<String, String> inA = a.cache(quotes(), key -> {
      int call = calls.getAndIncrement();
      String value = current.get();
      loading.get(call).countDown();
      await(finish.get(call));
      return value;
    });
    RedisCommands<String, String> raw = redis.newClient().connect().sync();

    CompletableFuture<String> first = getOnItsOwnThread(inA, loading.get(0));
    current.set("v2");
    inA.invalidate(KEY); // UNLINKs the first load's lease, and drops the load
    CompletableFuture<String> second = getOnItsOwnThread(inA, loading.get(1));
    String secondLease = raw.get(REDIS_KEY);
    assertThat(secondLease).startsWith("\0tiered-lease:");
    finish.get(0).countDown();
    assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("v1");

    assertThat(raw.get(REDIS_KEY)).isEqualTo(secondLease); // still the second load's lease
    Instance c = redis.newInstance(leases(Duration.ofSeconds(5), Duration.ofSeconds(10)));
    CompletableFuture<String> inC =
        getOnItsOwnThread(c.cache(quotes(), key -> "from c"), new CountDownLatch(0));
    finish.get(1).countDown();
    assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("v2");
    assertThat(inC.get(5, TimeUnit.SECONDS)).isEqualTo("v2"); // waited for the lease's fill
    assertThat(c.originCalls.get()).isEqualTo(0);
    assertThat(raw.get(REDIS_KEY)).contains("v2");
  }

  /**
   * Two runtimes on one factory have a tier each for one cache: a lease one takes after an
   * invalidate removed the other's must not be one the other's late fill can land under.
   */
  @Test
  void siblingTiersOfOneFactoryNeverTakeTheSameLease() throws Exception {
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    CountDownLatch secondLoading = new CountDownLatch(1);
    CountDownLatch secondFinish = new CountDownLatch(1);
    RedisCommands<String, String> raw = redis.newClient().connect().sync();
    try (RedisTierFactory factory = RedisTiers.factory(redis.newClient());
        TieredRuntime first = TieredRuntime.builder().tier(Instance.SHARED, factory).build();
        TieredRuntime second = TieredRuntime.builder().tier(Instance.SHARED, factory).build()) {
      TieredCache<String, String> inFirst = first.cache(quotes().build(), key -> {
        loading.countDown();
        await(finish);
        return "v1";
      });
      TieredCache<String, String> inSecond = second.cache(quotes().build(), key -> {
        secondLoading.countDown();
        await(secondFinish);
        return "v2";
      });

      CompletableFuture<String> late = getOnItsOwnThread(inFirst, loading);
      raw.unlink(REDIS_KEY); // the Redis half of another instance's invalidate
      CompletableFuture<String> current = getOnItsOwnThread(inSecond, secondLoading);
      String secondLease = raw.get(REDIS_KEY);
      finish.countDown();
      assertThat(late.get(5, TimeUnit.SECONDS)).isEqualTo("v1");

      assertThat(raw.get(REDIS_KEY)).isEqualTo(secondLease); // the late fill did not land
      secondFinish.countDown();
      assertThat(current.get(5, TimeUnit.SECONDS)).isEqualTo("v2");
      assertThat(raw.get(REDIS_KEY)).contains("v2");
    }
  }

  /** Starts a get of {@link #KEY} on a virtual thread; returns once {@code started} opened. */
  private static CompletableFuture<String> getOnItsOwnThread(TieredCache<String, String> cache,
      CountDownLatch started) {
    CompletableFuture<String> got =
        CompletableFuture.supplyAsync(() -> cache.get(KEY), Thread.ofVirtual()::start);
    await(started);
    return got;
  }

  @Test
  void withoutLeasesAFillThatAnInvalidateOvertookLandsItsOlderValue() throws Exception {
    HeldFill a = new HeldFill(builder -> builder.leases(Duration.ZERO));
    RedisCommands<String, String> raw = redis.newClient().connect().sync();

    CompletableFuture<String> filling = a.start();
    current.set("v2");
    raw.unlink(REDIS_KEY);
    a.finish.countDown();

    assertThat(filling.get(5, TimeUnit.SECONDS)).isEqualTo("v1");
    assertThat(raw.get(REDIS_KEY)).contains("v1"); // the stale set leases exist to prevent
  }

  @Test
  void anInvalidateFromAnotherInstanceDuringAFillLeavesEveryInstanceWithTheNewValue()
      throws Exception {
    HeldFill a = new HeldFill(UnaryOperator.identity());
    TieredCache<String, String> inB = redis.newInstance().cache(quotes(), key -> current.get());

    CompletableFuture<String> filling = a.start();
    current.set("v2");
    inB.invalidate(KEY);
    a.finish.countDown();

    assertThat(filling.get(5, TimeUnit.SECONDS)).isEqualTo("v1");
    assertThat(inB.get(KEY)).isEqualTo("v2");
    assertThat(a.cache.get(KEY)).isEqualTo("v2");
  }

  @Test
  void aHolderThatDiesMidLoadLeavesALeaseThatExpires() throws Exception {
    Duration leaseTime = Duration.ofMillis(600);
    HeldFill holder = new HeldFill(leases(Duration.ofSeconds(5), leaseTime));
    holder.start();
    holder.instance.close(); // its process is gone; its lease stays in Redis

    Instance b = redis.newInstance(leases(Duration.ofSeconds(5), leaseTime));
    TieredCache<String, String> inB = b.cache(quotes(), key -> current.get());
    long start = System.nanoTime();
    assertThat(inB.get(KEY)).isEqualTo("v1");
    Duration waited = Duration.ofNanos(System.nanoTime() - start);

    // B waited for the dead holder's lease to expire (not for maxWait), then took it and filled.
    assertThat(waited).isLessThan(leaseTime.plusSeconds(2));
    assertThat(b.originCalls.get()).isEqualTo(1);
    Instance c = redis.newInstance();
    assertThat(c.cache(quotes(), key -> current.get()).get(KEY)).isEqualTo("v1");
    assertThat(c.originCalls.get()).isEqualTo(0);
    holder.finish.countDown();
  }

  @Test
  void aWaiterGivesUpAfterMaxWaitAndLoadsItself() throws Exception {
    Duration maxWait = Duration.ofMillis(300);
    HeldFill a = new HeldFill(leases(maxWait, Duration.ofSeconds(10)));
    CompletableFuture<String> slow = a.start();

    Instance b = redis.newInstance(leases(maxWait, Duration.ofSeconds(10)));
    long start = System.nanoTime();
    assertThat(b.cache(quotes(), key -> "from b").get(KEY)).isEqualTo("from b");
    Duration waited = Duration.ofNanos(System.nanoTime() - start);

    assertThat(waited).isAtLeast(maxWait);
    assertThat(waited).isLessThan(maxWait.plusSeconds(2));
    RedisCommands<String, String> raw = redis.newClient().connect().sync();
    // B filled under the lease it waited on, for a holder that may never fill.
    assertThat(raw.get(REDIS_KEY)).contains("from b");
    a.finish.countDown();
    assertThat(slow.get(5, TimeUnit.SECONDS)).isEqualTo("v1");
    assertThat(raw.get(REDIS_KEY)).contains("from b"); // A's lease is gone, so is its fill
  }

  @Test
  void aWaiterThatGaveUpLandsNothingOnceAnInvalidateRemovedTheLease() throws Exception {
    Duration maxWait = Duration.ofMillis(300);
    HeldFill a = new HeldFill(leases(maxWait, Duration.ofSeconds(10)));
    HeldFill b = new HeldFill(leases(maxWait, Duration.ofSeconds(10)));
    RedisCommands<String, String> raw = redis.newClient().connect().sync();

    CompletableFuture<String> holding = a.start();
    CompletableFuture<String> gaveUp = b.start(); // returns once B stopped waiting and loads
    current.set("v2");
    raw.unlink(REDIS_KEY); // the Redis half of another instance's invalidate
    b.finish.countDown();
    a.finish.countDown();

    assertThat(gaveUp.get(5, TimeUnit.SECONDS)).isEqualTo("v1");
    assertThat(holding.get(5, TimeUnit.SECONDS)).isEqualTo("v1");
    assertThat(raw.get(REDIS_KEY)).isNull(); // neither load's older value lands
    assertThat(b.instance.shared(CacheEvent.Kind.INSERT_REJECTED)).hasSize(1);
    assertThat(b.cache.get(KEY)).isEqualTo("v2");
  }

  @Test
  void aLoadThatCachesNothingGivesItsLeaseUpAtOnce() throws Exception {
    Duration maxWait = Duration.ofSeconds(3);
    Instance a = redis.newInstance(leases(maxWait, Duration.ofSeconds(10)));
    assertThat(a.cache(quotes(), key -> null).get(KEY)).isNull(); // null is not cached

    assertOtherInstanceLoadsAtOnce(maxWait);
  }

  @Test
  void aFailedLoadGivesItsLeaseUpAtOnce() throws Exception {
    Duration maxWait = Duration.ofSeconds(3);
    Instance a = redis.newInstance(leases(maxWait, Duration.ofSeconds(10)));
    TieredCache<String, String> failing = a.cache(quotes(), key -> {
      throw new IllegalStateException("origin down");
    });
    try {
      failing.get(KEY);
    } catch (IllegalStateException expected) {
      // the origin's own exception
    }

    assertOtherInstanceLoadsAtOnce(maxWait);
  }

  /** Another instance that misses the key now loads it without waiting for a lease. */
  private static void assertOtherInstanceLoadsAtOnce(Duration maxWait) {
    Instance b = redis.newInstance(leases(maxWait, Duration.ofSeconds(10)));
    long start = System.nanoTime();
    assertThat(b.cache(quotes(), key -> "found").get(KEY)).isEqualTo("found");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(maxWait);
    assertThat(b.originCalls.get()).isEqualTo(1);
  }
}
