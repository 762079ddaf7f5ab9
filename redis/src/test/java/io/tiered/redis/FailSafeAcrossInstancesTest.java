package io.tiered.redis;

import static com.google.common.truth.Truth.assertThat;
import static io.tiered.redis.Latches.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lettuce.core.api.sync.RedisCommands;
import io.tiered.runtime.CacheEvent;
import io.tiered.runtime.TieredCache;
import io.tiered.runtime.TieredRuntime;
import io.tiered.runtime.internal.CacheDefinition;
import io.tiered.runtime.internal.Types;
import io.tiered.runtime.testing.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stale-if-error and negative caching across instances: a Redis entry lives ttl + stale, and its
 * envelope's cached-at and ttl let every instance judge it alike; a cached null is not a miss.
 */
class FailSafeAcrossInstancesTest {
  @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

  private static final Duration TTL = Duration.ofMinutes(1);
  private static final Duration STALE = Duration.ofHours(1);

  private final ManualClock clock = new ManualClock(); // both instances' clock
  private final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();
  private final AtomicBoolean originDown = new AtomicBoolean();
  private final AtomicInteger originCalls = new AtomicInteger();
  private final List<CacheEvent> eventsOfB = new CopyOnWriteArrayList<>();

  /** Waiters wait up to 5 s for a holder's fill, so that none gives up on a slow test machine. */
  private TieredRuntime instance(List<CacheEvent> events) {
    return instance(events, Duration.ofSeconds(5));
  }

  private TieredRuntime instance(List<CacheEvent> events, Duration leaseMaxWait) {
    RedisTierFactory factory = RedisTiers.builder(redis.newClient())
        .leases(leaseMaxWait, Duration.ofSeconds(10)).build();
    TieredRuntime runtime = TieredRuntime.builder().clock(clock).tier("shared", factory)
        .listener(events::add).build();
    closing.add(runtime);
    closing.add(factory);
    return runtime;
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable resource : closing) {
      resource.close();
    }
  }

  private String origin(String key) {
    originCalls.incrementAndGet();
    if (originDown.get()) {
      throw new IllegalStateException("origin down");
    }
    return key + "-v1";
  }

  private static CacheDefinition<String, String> prices() {
    return CacheDefinition.<String, String>builder("Svc.price", String.class, String.class)
        .ttl(TTL).fallback("shared", TTL, true).staleIfError(STALE, null).build();
  }

  @Test
  void aStaleEntryWrittenByOneInstanceIsServedByAnotherDuringAnOutage() {
    TieredCache<String, String> inA = instance(new CopyOnWriteArrayList<>()).cache(prices(), this::origin);
    TieredCache<String, String> inB = instance(eventsOfB).cache(prices(), this::origin);
    assertThat(inA.get("a")).isEqualTo("a-v1");
    RedisCommands<String, String> admin = redis.newClient().connect().sync();
    String redisKey = admin.keys("*Svc.price*").get(0);
    // Redis keeps it for the ttl plus the stale window (in real time).
    assertThat(admin.pttl(redisKey)).isGreaterThan(STALE.toMillis());

    clock.advance(TTL.plusSeconds(1)); // stale everywhere
    originDown.set(true);

    assertThat(inB.get("a")).isEqualTo("a-v1"); // B never loaded it: Redis's stale copy
    assertThat(originCalls.get()).isEqualTo(2);
    assertThat(inB.stats().staleServed()).isEqualTo(1);
    CacheEvent stale = eventsOfB.stream()
        .filter(event -> event.kind() == CacheEvent.Kind.STALE_SERVED).findFirst().orElseThrow();
    assertThat(stale.tier()).isEqualTo("shared");
    assertThat(stale.error()).hasMessageThat().isEqualTo("origin down");

    clock.advance(STALE); // past ttl + stale: no instance serves it
    assertThrows(IllegalStateException.class, () -> inB.get("a"));
    assertThrows(IllegalStateException.class, () -> inA.get("a"));
  }

  @Test
  void aKeyPastItsTtlIsReloadedByOneInstanceOfTheFleetWhileTheOthersWait() throws Exception {
    CountDownLatch reloading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Function<String, String> origin = key -> {
      if (originCalls.incrementAndGet() == 1) {
        return key + "-v1";
      }
      reloading.countDown();
      await(release);
      return key + "-v2";
    };
    List<TieredCache<String, String>> fleet = List.of(
        instance(new CopyOnWriteArrayList<>()).cache(prices(), origin::apply),
        instance(new CopyOnWriteArrayList<>()).cache(prices(), origin::apply),
        instance(new CopyOnWriteArrayList<>()).cache(prices(), origin::apply));
    assertThat(fleet.get(0).get("a")).isEqualTo("a-v1");
    clock.advance(TTL.plusSeconds(1)); // Redis still holds it, as a stale value

    List<CompletableFuture<String>> calls = fleet.stream()
        .map(cache -> CompletableFuture.supplyAsync(() -> cache.get("a"),
            Thread.ofVirtual()::start))
        .toList();
    await(reloading);
    Thread.sleep(200); // the other instances find the lease and wait on it
    release.countDown();

    for (CompletableFuture<String> call : calls) {
      assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo("a-v2");
    }
    assertThat(originCalls.get()).isEqualTo(2); // one reload for the fleet, not one each
  }

  @Test
  void aReloadThatFailsPutsTheStaleValueBackForTheFleet() {
    TieredCache<String, String> inA = instance(new CopyOnWriteArrayList<>()).cache(prices(), this::origin);
    TieredCache<String, String> inB = instance(eventsOfB).cache(prices(), this::origin);
    assertThat(inA.get("a")).isEqualTo("a-v1");
    clock.advance(TTL.plusSeconds(1));
    originDown.set(true);

    assertThat(inB.get("a")).isEqualTo("a-v1"); // B took the lease over the stale value, failed

    RedisCommands<String, String> admin = redis.newClient().connect().sync();
    String redisKey = admin.keys("*Svc.price*").get(0);
    assertThat(admin.get(redisKey)).startsWith("{"); // the stale value, not B's lease
    assertThat(admin.pttl(redisKey)).isGreaterThan(STALE.minusMinutes(1).toMillis());
    TieredCache<String, String> inC = instance(new CopyOnWriteArrayList<>()).cache(prices(), this::origin);
    assertThat(inC.get("a")).isEqualTo("a-v1"); // from Redis: C's L1 never held it
    assertThat(originCalls.get()).isEqualTo(3);
  }

  @Test
  void anInstanceThatStopsWaitingForAReloadServesTheStaleValueItsLeaseCarries() throws Exception {
    CountDownLatch reloading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    TieredCache<String, String> inA = instance(new CopyOnWriteArrayList<>()).cache(prices(),
        key -> {
          if (originCalls.incrementAndGet() == 1) {
            return key + "-v1";
          }
          reloading.countDown();
          await(release); // a reload that hangs, then fails
          throw new IllegalStateException("origin down");
        });
    assertThat(inA.get("a")).isEqualTo("a-v1");
    clock.advance(TTL.plusSeconds(1));
    CompletableFuture<String> hanging =
        CompletableFuture.supplyAsync(() -> inA.get("a"), Thread.ofVirtual()::start);
    await(reloading); // A holds the lease over the stale value
    originDown.set(true);
    TieredCache<String, String> inB =
        instance(eventsOfB, Duration.ofMillis(300)).cache(prices(), this::origin);

    assertThat(inB.get("a")).isEqualTo("a-v1"); // B's L1 never held it: the lease's copy
    assertThat(inB.stats().staleServed()).isEqualTo(1);
    release.countDown();
    assertThat(hanging.get(10, TimeUnit.SECONDS)).isEqualTo("a-v1");
  }

  @Test
  void aFreshEntryInRedisIsServedNotTheStaleOneInL1() {
    TieredCache<String, String> inA = instance(new CopyOnWriteArrayList<>()).cache(
        CacheDefinition.<String, String>builder("Svc.price", String.class, String.class).ttl(TTL)
            .fallback("shared", STALE, true).staleIfError(STALE, null).build(),
        this::origin);
    inA.get("a");
    clock.advance(TTL.plusSeconds(1)); // stale in L1, fresh in Redis
    originDown.set(true);

    assertThat(inA.get("a")).isEqualTo("a-v1");
    assertThat(inA.stats().staleServed()).isEqualTo(0);
    assertThat(originCalls.get()).isEqualTo(1);
  }

  @Test
  void aNullCachedByOneInstanceIsAHitForAnotherUntilItsNullTtl() {
    CacheDefinition<String, Optional<String>> finds = CacheDefinition
        .<String, Optional<String>>builder("Svc.find", String.class,
            Types.parameterized(Optional.class, String.class))
        .ttl(TTL).nullTtl(Duration.ofSeconds(30)).fallback("shared", TTL, true).build();
    AtomicInteger calls = new AtomicInteger();
    TieredCache<String, Optional<String>> inA = instance(new CopyOnWriteArrayList<>())
        .cache(finds, key -> { calls.incrementAndGet(); return Optional.empty(); });
    TieredCache<String, Optional<String>> inB = instance(eventsOfB)
        .cache(finds, key -> { calls.incrementAndGet(); return Optional.of("found"); });

    assertThat(inA.get("k")).isEmpty();
    assertThat(inB.get("k")).isEmpty(); // from Redis: "absent", not "no entry"
    assertThat(calls.get()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(30));
    assertThat(inB.get("k")).hasValue("found");
    assertThat(calls.get()).isEqualTo(2);
  }
}
