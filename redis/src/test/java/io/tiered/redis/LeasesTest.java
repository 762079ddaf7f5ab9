package io.tiered.redis;

import static com.google.common.truth.Truth.assertThat;
import static io.tiered.redis.Instance.shared;

import io.lettuce.core.api.sync.RedisCommands;
import io.tiered.runtime.CacheEvent;
import io.tiered.runtime.TieredCache;
import io.tiered.runtime.internal.CacheDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Cross-instance single flight: instances (each its own L1 and connection) on one real Redis. */
class LeasesTest {
  @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

  private static final Duration TTL = Duration.ofMinutes(5);
  private static final Duration ORIGIN_TIME = Duration.ofMillis(300);
  private static final String KEY = "cold";
  private static final String REDIS_KEY = "tiered:Svc.quote:\"cold\"";

  private final AtomicReference<String> current = new AtomicReference<>("v1");

  private static CacheDefinition.Builder<String, String> quotes() {
    return shared("Svc.quote", String.class, String.class, TTL, true);
  }

  private static UnaryOperator<RedisTiers.Builder> leases(Duration maxWait, Duration leaseTime) {
    return builder -> builder.leases(maxWait, leaseTime);
  }

  private static String slowly(String value) {
    sleep(ORIGIN_TIME);
    return value;
  }

  /** 3 instances x 30 virtual threads miss one cold key at once; returns the origin calls. */
  private int missStorm(UnaryOperator<RedisTiers.Builder> configure) throws Exception {
    List<Instance> instances = new ArrayList<>();
    List<TieredCache<String, String>> caches = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Instance instance = redis.newInstance(configure);
      instances.add(instance);
      caches.add(instance.cache(quotes(), key -> slowly(current.get())));
    }
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<String>> results = new ArrayList<>();
    for (TieredCache<String, String> cache : caches) {
      for (int thread = 0; thread < 30; thread++) {
        CompletableFuture<String> result = new CompletableFuture<>();
        results.add(result);
        Thread.ofVirtual().start(() -> {
          try {
            start.await();
            result.complete(cache.get(KEY));
          } catch (Throwable failure) {
            result.completeExceptionally(failure);
          }
        });
      }
    }
    start.countDown();
    for (CompletableFuture<String> result : results) {
      assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("v1");
    }
    return instances.stream().mapToInt(instance -> instance.originCalls.get()).sum();
  }

  @Test
  void threeInstancesOfThirtyThreadsMissingOneColdKeyMakeOneOriginCall() throws Exception {
    assertThat(missStorm(UnaryOperator.identity())).isEqualTo(1); // leases are on by default
  }

  @Test
  void withoutLeasesTheSameStormCallsTheOriginOncePerInstance() throws Exception {
    assertThat(missStorm(builder -> builder.leases(Duration.ZERO))).isGreaterThan(1);
  }

  @Test
  void aFillThatAnInvalidateOvertookLandsInNoTier() throws Exception {
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    Instance a = redis.newInstance();
    TieredCache<String, String> inA = a.cache(quotes(), key -> {
      String value = current.get();
      loading.countDown();
      await(finish);
      return value;
    });
    RedisCommands<String, String> raw = redis.newClient().connect().sync();

    CompletableFuture<String> filling = CompletableFuture.supplyAsync(() -> inA.get(KEY));
    await(loading);
    assertThat(raw.get(REDIS_KEY)).startsWith("\0tiered-lease:"); // A holds the lease
    current.set("v2");
    // The Redis half of another instance's invalidate; its message has not reached A yet.
    raw.unlink(REDIS_KEY);
    finish.countDown();

    assertThat(filling.get(5, TimeUnit.SECONDS)).isEqualTo("v1"); // its callers still get it
    assertThat(raw.get(REDIS_KEY)).isNull(); // but Redis never holds the older value
    assertThat(a.shared(CacheEvent.Kind.INSERT_REJECTED)).hasSize(1);
    assertThat(inA.get(KEY)).isEqualTo("v2"); // nor A's L1: the next call loads again
    assertThat(a.originCalls.get()).isEqualTo(2);
  }

  @Test
  void withoutLeasesAFillThatAnInvalidateOvertookLandsItsOlderValue() throws Exception {
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    Instance a = redis.newInstance(builder -> builder.leases(Duration.ZERO));
    TieredCache<String, String> inA = a.cache(quotes(), key -> {
      String value = current.get();
      loading.countDown();
      await(finish);
      return value;
    });
    RedisCommands<String, String> raw = redis.newClient().connect().sync();

    CompletableFuture<String> filling = CompletableFuture.supplyAsync(() -> inA.get(KEY));
    await(loading);
    current.set("v2");
    raw.unlink(REDIS_KEY);
    finish.countDown();

    assertThat(filling.get(5, TimeUnit.SECONDS)).isEqualTo("v1");
    assertThat(raw.get(REDIS_KEY)).contains("v1"); // the stale set leases exist to prevent
  }

  @Test
  void anInvalidateFromAnotherInstanceDuringAFillLeavesEveryInstanceWithTheNewValue()
      throws Exception {
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    Instance a = redis.newInstance();
    TieredCache<String, String> inA = a.cache(quotes(), key -> {
      String value = current.get();
      loading.countDown();
      await(finish);
      return value;
    });
    TieredCache<String, String> inB = redis.newInstance().cache(quotes(), key -> current.get());

    CompletableFuture<String> filling = CompletableFuture.supplyAsync(() -> inA.get(KEY));
    await(loading);
    current.set("v2");
    inB.invalidate(KEY);
    finish.countDown();

    assertThat(filling.get(5, TimeUnit.SECONDS)).isEqualTo("v1");
    assertThat(inB.get(KEY)).isEqualTo("v2");
    assertThat(inA.get(KEY)).isEqualTo("v2");
  }

  @Test
  void aHolderThatDiesMidLoadLeavesALeaseThatExpires() throws Exception {
    Duration leaseTime = Duration.ofMillis(600);
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    Instance holder = redis.newInstance(leases(Duration.ofSeconds(5), leaseTime));
    TieredCache<String, String> inHolder = holder.cache(quotes(), key -> {
      loading.countDown();
      await(never);
      return "never";
    });
    Thread.ofVirtual().start(() -> inHolder.get(KEY));
    await(loading);
    holder.close(); // its process is gone; its lease stays in Redis

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
    never.countDown();
  }

  @Test
  void aWaiterGivesUpAfterMaxWaitAndLoadsItself() throws Exception {
    Duration maxWait = Duration.ofMillis(300);
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    Instance a = redis.newInstance(leases(maxWait, Duration.ofSeconds(10)));
    TieredCache<String, String> inA = a.cache(quotes(), key -> {
      loading.countDown();
      await(finish);
      return "from a";
    });
    CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> inA.get(KEY));
    await(loading);

    Instance b = redis.newInstance(leases(maxWait, Duration.ofSeconds(10)));
    long start = System.nanoTime();
    assertThat(b.cache(quotes(), key -> "from b").get(KEY)).isEqualTo("from b");
    Duration waited = Duration.ofNanos(System.nanoTime() - start);

    assertThat(waited).isAtLeast(maxWait);
    assertThat(waited).isLessThan(maxWait.plusSeconds(2));
    finish.countDown();
    assertThat(slow.get(5, TimeUnit.SECONDS)).isEqualTo("from a");
  }

  @Test
  void aLoadThatCachesNothingGivesItsLeaseUpAtOnce() throws Exception {
    Duration maxWait = Duration.ofSeconds(3);
    Instance a = redis.newInstance(leases(maxWait, Duration.ofSeconds(10)));
    TieredCache<String, String> inA = a.cache(quotes(), key -> null); // null is not cached
    assertThat(inA.get(KEY)).isNull();

    Instance b = redis.newInstance(leases(maxWait, Duration.ofSeconds(10)));
    Function<String, String> origin = key -> "found";
    long start = System.nanoTime();
    assertThat(b.cache(quotes(), origin).get(KEY)).isEqualTo("found");

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(maxWait);
    assertThat(b.originCalls.get()).isEqualTo(1);
  }

  @Test
  void aFailedLoadGivesItsLeaseUpAtOnce() throws Exception {
    Duration maxWait = Duration.ofSeconds(3);
    Instance a = redis.newInstance(leases(maxWait, Duration.ofSeconds(10)));
    TieredCache<String, String> inA = a.cache(quotes(), key -> {
      throw new IllegalStateException("origin down");
    });
    try {
      inA.get(KEY);
    } catch (IllegalStateException expected) {
      // the origin's own exception
    }

    Instance b = redis.newInstance(leases(maxWait, Duration.ofSeconds(10)));
    long start = System.nanoTime();
    assertThat(b.cache(quotes(), key -> "found").get(KEY)).isEqualTo("found");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(maxWait);
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("latch not released within 10 s");
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(interrupted);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
