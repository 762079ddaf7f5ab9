package io.tiered.runtime;

import static com.google.common.truth.Truth.assertThat;
import static io.tiered.runtime.CacheEvent.Kind.STALE_SERVED;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tiered.runtime.internal.CacheDefinition;
import io.tiered.runtime.internal.Types;
import io.tiered.runtime.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Stale-if-error (semantics 13): every boundary of the ttl, the stale window and the soft
 * timeout, with the origin failing or healthy, stale values from L1 and from a fallback tier.
 */
class StaleIfErrorTest {
  private static final Duration TTL = Duration.ofMinutes(5);
  private static final Duration STALE = Duration.ofHours(1);
  private static final Duration SOFT_TIMEOUT = Duration.ofMillis(100);

  private final Harness harness = new Harness();
  private final Origin origin = new Origin();

  /** An origin whose answers carry a version, and that fails or blocks when told. */
  private static final class Origin {
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger version = new AtomicInteger(1);
    volatile boolean down;
    volatile CountDownLatch gate = new CountDownLatch(0);

    String load(String key) throws Exception {
      calls.incrementAndGet();
      gate.await();
      if (down) {
        throw new IllegalStateException("origin down");
      }
      return key + "-v" + version.get();
    }

    CountDownLatch block() {
      gate = new CountDownLatch(1);
      return gate;
    }
  }

  private static CacheDefinition.Builder<String, String> staleIfError(Duration softTimeout) {
    return Harness.definition().ttl(TTL).staleIfError(STALE, softTimeout);
  }

  private TieredCache<String, String> cache(CacheDefinition.Builder<String, String> definition) {
    return harness.runtime.cache(definition.build(), origin::load);
  }

  private List<CacheEvent> staleEvents() {
    return harness.events(STALE_SERVED);
  }

  @Test
  void beforeTheTtlTheValueIsFreshAndTheOriginIsNotCalled() {
    TieredCache<String, String> cache = cache(staleIfError(null));
    cache.get("a");
    origin.down = true;

    harness.clock.advance(TTL.minusMillis(1));

    assertThat(cache.get("a")).isEqualTo("a-v1");
    assertThat(origin.calls.get()).isEqualTo(1);
    assertThat(cache.stats().staleServed()).isEqualTo(0);
  }

  @Test
  void atTheTtlAHealthyOriginGivesAFreshValueNeverTheStaleOne() {
    TieredCache<String, String> cache = cache(staleIfError(null));
    cache.get("a");
    origin.version.set(2);

    harness.clock.advance(TTL);

    assertThat(cache.get("a")).isEqualTo("a-v2");
    assertThat(origin.calls.get()).isEqualTo(2);
    assertThat(staleEvents()).isEmpty();
  }

  @Test
  void atTheTtlAFailingOriginGivesTheStaleValueWithTheCause() {
    TieredCache<String, String> cache = cache(staleIfError(null));
    cache.get("a");
    origin.down = true;

    harness.clock.advance(TTL);

    assertThat(cache.get("a")).isEqualTo("a-v1");
    assertThat(origin.calls.get()).isEqualTo(2); // it did try the origin
    CacheEvent event = staleEvents().get(0);
    assertThat(event.tier()).isEqualTo(CacheEvent.L1);
    assertThat(event.error()).isInstanceOf(IllegalStateException.class);
    assertThat(event.error()).hasMessageThat().isEqualTo("origin down");
    assertThat(cache.stats().staleServed()).isEqualTo(1);
    assertThat(cache.stats().staleServedOnError()).isEqualTo(1);
    assertThat(cache.stats().loadFailures()).isEqualTo(1);
  }

  @Test
  void theStaleValueIsServedUpToTheEndOfTheWindowAndNeverAfter() {
    TieredCache<String, String> cache = cache(staleIfError(null));
    cache.get("a");
    origin.down = true;

    harness.clock.advance(TTL.plus(STALE).minusMillis(1));
    assertThat(cache.get("a")).isEqualTo("a-v1");

    harness.clock.advance(Duration.ofMillis(1)); // exactly ttl + stale
    IllegalStateException failure = assertThrows(IllegalStateException.class, () -> cache.get("a"));
    assertThat(failure).hasMessageThat().isEqualTo("origin down");
    assertThat(cache.stats().staleServed()).isEqualTo(1);
  }

  @Test
  void everyStaleAnswerCountsOnceAndTheOriginIsTriedEachTime() {
    TieredCache<String, String> cache = cache(staleIfError(null));
    cache.get("a");
    origin.down = true;
    harness.clock.advance(TTL.plusSeconds(1));

    for (int i = 0; i < 3; i++) {
      assertThat(cache.get("a")).isEqualTo("a-v1");
    }

    assertThat(origin.calls.get()).isEqualTo(4);
    assertThat(cache.stats().staleServed()).isEqualTo(3);
    assertThat(staleEvents()).hasSize(3);
  }

  @Test
  void afterRecoveryTheFreshValueIsCachedAgain() {
    TieredCache<String, String> cache = cache(staleIfError(null));
    cache.get("a");
    origin.down = true;
    harness.clock.advance(TTL.plusSeconds(1));
    assertThat(cache.get("a")).isEqualTo("a-v1");

    origin.down = false;
    origin.version.set(2);
    assertThat(cache.get("a")).isEqualTo("a-v2");
    assertThat(cache.get("a")).isEqualTo("a-v2");

    assertThat(origin.calls.get()).isEqualTo(3);
  }

  @Test
  void withoutAStaleValueTheCallerGetsTheOriginsException() {
    TieredCache<String, String> cache = cache(staleIfError(null));
    origin.down = true;

    assertThrows(IllegalStateException.class, () -> cache.get("never-loaded"));
    assertThat(cache.stats().staleServed()).isEqualTo(0);
  }

  @Test
  void anInvalidatedKeyHasNoStaleValue() {
    TieredCache<String, String> cache = cache(staleIfError(null));
    cache.get("a");
    cache.invalidate("a");
    origin.down = true;
    harness.clock.advance(TTL.plusSeconds(1));

    assertThrows(IllegalStateException.class, () -> cache.get("a"));
  }

  @Test
  void aStaleValueReadBeforeAnInvalidateIsNotServedAfterIt() throws Exception {
    harness.shared.seed("Test.get", "a", CacheEntry.of("a-old", harness.clock.instant(), TTL));
    harness.clock.advance(TTL.plusSeconds(1));
    TieredCache<String, String> cache = cache(staleIfError(null).fallback("shared", TTL, true));
    origin.down = true;
    CountDownLatch slow = origin.block();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread caller = Thread.ofVirtual().start(() -> {
      try {
        cache.get("a"); // reads the stale copy in shared, then waits on the origin
      } catch (Throwable thrown) {
        failure.set(thrown);
      }
    });
    while (origin.calls.get() == 0) {
      Thread.sleep(1);
    }

    cache.invalidate("a"); // the write the old value predates
    slow.countDown();
    caller.join(5_000);

    assertThat(failure.get()).isInstanceOf(IllegalStateException.class);
    assertThat(cache.stats().staleServed()).isEqualTo(0);
  }

  @Test
  void withoutStaleIfErrorAnExpiredValueIsNeverServed() {
    TieredCache<String, String> cache = cache(Harness.definition().ttl(TTL));
    cache.get("a");
    origin.down = true;
    harness.clock.advance(TTL);

    assertThrows(IllegalStateException.class, () -> cache.get("a"));
  }

  @Test
  void aStaleValueInAFallbackTierIsServedByAnInstanceWithAnEmptyL1() {
    // As an instance restarted during an outage: L1 is empty, the shared tier holds a copy
    // written before the outage, past its ttl.
    Instant loadedAt = harness.clock.instant();
    harness.shared.seed("Test.get", "a", CacheEntry.of("a-from-shared", loadedAt, TTL));
    harness.clock.advance(TTL.plusMinutes(10));
    origin.down = true;
    TieredCache<String, String> cache =
        cache(staleIfError(null).fallback("shared", TTL, true));

    assertThat(cache.get("a")).isEqualTo("a-from-shared");
    assertThat(staleEvents().get(0).tier()).isEqualTo("shared");

    harness.clock.advance(STALE); // now past ttl + stale
    assertThrows(IllegalStateException.class, () -> cache.get("a"));
  }

  @Test
  void aFreshValueInAFallbackTierIsPreferredToTheStaleOneInL1() {
    TieredCache<String, String> cache =
        cache(staleIfError(null).fallback("shared", Duration.ofHours(2), true));
    cache.get("a");
    origin.down = true;
    harness.clock.advance(TTL.plusSeconds(1)); // stale in L1, fresh in shared for two hours

    assertThat(cache.get("a")).isEqualTo("a-v1");

    assertThat(origin.calls.get()).isEqualTo(1);
    assertThat(staleEvents()).isEmpty();
  }

  @Test
  void theNewerOfTwoStaleValuesIsServed() {
    TieredCache<String, String> cache = cache(staleIfError(null).fallback("shared", TTL, true));
    cache.get("a"); // v1 in L1 and shared, at 0
    harness.clock.advance(Duration.ofMinutes(1));
    harness.shared.seed("Test.get", "a", CacheEntry.of("a-newer", harness.clock.instant(), TTL));
    origin.down = true;
    harness.clock.advance(TTL.plusSeconds(1)); // both stale

    assertThat(cache.get("a")).isEqualTo("a-newer");
    assertThat(staleEvents().get(0).tier()).isEqualTo("shared");
  }

  @Test
  void theMemoryTierKeepsEntriesForTheTtlPlusTheStaleWindow() {
    ManualClock clock = new ManualClock();
    TierSpec<String, String> spec = new TierSpec<>("Test.get", "shared", String.class,
        String.class, TTL, 0, clock, TierSpec.EvictionListener.none(),
        TierSpec.Upstream.none(), STALE);
    CacheTier<String, String> tier = Tiers.memory().create(spec);
    tier.put("a", CacheEntry.of("v", clock.instant(), TTL));

    clock.advance(TTL.plus(STALE).minusMillis(1));
    assertThat(tier.get("a")).isNotNull();
    clock.advance(Duration.ofMillis(1));
    assertThat(tier.get("a")).isNull();
    assertThat(spec.retainMillis(CacheEntry.of("v", clock.instant(), TTL), clock.millis()))
        .isEqualTo(TTL.plus(STALE).toMillis());
  }

  @Test
  void aLoadPastTheSoftTimeoutAnswersStaleAndItsResultIsCachedWhenItEnds() throws Exception {
    TieredCache<String, String> cache = cache(staleIfError(SOFT_TIMEOUT));
    cache.get("a");
    harness.clock.advance(TTL);
    origin.version.set(2);
    CountDownLatch slow = origin.block();

    long start = System.nanoTime();
    assertThat(cache.get("a")).isEqualTo("a-v1");
    long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(waitedMillis).isAtLeast(SOFT_TIMEOUT.toMillis());
    assertThat(waitedMillis).isLessThan(2_000);
    // A caller arriving while the timed-out load runs joins it: no second origin call.
    assertThat(cache.get("a")).isEqualTo("a-v1");
    assertThat(origin.calls.get()).isEqualTo(2);
    assertThat(cache.stats().staleServedOnTimeout()).isEqualTo(2);
    assertThat(staleEvents().get(0).error()).isInstanceOf(TimeoutException.class);

    slow.countDown();
    awaitIdle(cache);
    assertThat(cache.get("a")).isEqualTo("a-v2");
    assertThat(origin.calls.get()).isEqualTo(2);
  }

  @Test
  void beforeTheSoftTimeoutTheLoadsOwnValueIsReturned() {
    TieredCache<String, String> cache = cache(staleIfError(Duration.ofSeconds(30)));
    cache.get("a");
    harness.clock.advance(TTL);
    origin.version.set(2);

    assertThat(cache.get("a")).isEqualTo("a-v2");
    assertThat(staleEvents()).isEmpty();
  }

  @Test
  void aSoftTimeoutWithoutAStaleValueWaitsForTheLoad() throws Exception {
    TieredCache<String, String> cache = cache(staleIfError(SOFT_TIMEOUT));
    CountDownLatch slow = origin.block();
    AtomicReference<String> got = new AtomicReference<>();
    Thread caller = Thread.ofVirtual().start(() -> got.set(cache.get("cold")));

    caller.join(SOFT_TIMEOUT.multipliedBy(3).toMillis());
    assertThat(caller.isAlive()).isTrue(); // still waiting, past the soft timeout
    slow.countDown();
    caller.join(5_000);

    assertThat(got.get()).isEqualTo("cold-v1");
    assertThat(staleEvents()).isEmpty();
  }

  @Test
  void aSoftTimedOutLoadThatFailsLeavesTheStaleValueForLaterCalls() throws Exception {
    TieredCache<String, String> cache = cache(staleIfError(SOFT_TIMEOUT));
    cache.get("a");
    harness.clock.advance(TTL);
    origin.down = true;
    CountDownLatch slow = origin.block();

    assertThat(cache.get("a")).isEqualTo("a-v1");
    slow.countDown();
    awaitIdle(cache);

    assertThat(cache.get("a")).isEqualTo("a-v1");
    assertThat(cache.stats().staleServedOnTimeout()).isEqualTo(1);
    assertThat(cache.stats().staleServedOnError()).isEqualTo(1);
  }

  @Test
  void asyncMethodsServeStaleOnAFailedFutureAndOnASoftTimeout() throws Exception {
    AtomicReference<CompletableFuture<String>> next = new AtomicReference<>();
    AtomicInteger calls = new AtomicInteger();
    TieredCache<String, String> cache = harness.runtime.asyncCache(
        staleIfError(SOFT_TIMEOUT).build(), key -> {
          calls.incrementAndGet();
          return next.get();
        });
    next.set(CompletableFuture.completedFuture("v1"));
    assertThat(cache.getAsync("a").join()).isEqualTo("v1");

    harness.clock.advance(TTL);
    next.set(CompletableFuture.failedFuture(new IllegalStateException("origin down")));
    assertThat(cache.getAsync("a").join()).isEqualTo("v1");
    assertThat(cache.stats().staleServedOnError()).isEqualTo(1);

    CompletableFuture<String> slow = new CompletableFuture<>();
    next.set(slow);
    assertThat(cache.getAsync("a").get(5, TimeUnit.SECONDS)).isEqualTo("v1");
    assertThat(cache.stats().staleServedOnTimeout()).isEqualTo(1);
    slow.complete("v2");
    awaitIdle(cache);
    assertThat(cache.getAsync("a").join()).isEqualTo("v2");
    assertThat(calls.get()).isEqualTo(3);
  }

  @Test
  void anAsyncCallWithoutAStaleValueFailsWithTheOriginsException() {
    TieredCache<String, String> cache = harness.runtime.asyncCache(staleIfError(null).build(),
        key -> CompletableFuture.failedFuture(new IllegalStateException("origin down")));

    CompletionException failure =
        assertThrows(CompletionException.class, () -> cache.getAsync("a").join());
    assertThat(failure).hasCauseThat().hasMessageThat().isEqualTo("origin down");
  }

  @Test
  void refreshAfterAndStaleIfErrorTogether() {
    List<Runnable> refreshes = new CopyOnWriteArrayList<>();
    Harness queued = new Harness(TieredRuntime.builder().refreshExecutor(refreshes::add));
    TieredCache<String, String> cache = queued.runtime.cache(
        staleIfError(null).refreshAfter(Duration.ofMinutes(1)).build(), origin::load);
    cache.get("a");
    origin.down = true;

    queued.clock.advance(Duration.ofMinutes(2)); // due for refresh, still fresh
    assertThat(cache.get("a")).isEqualTo("a-v1");
    refreshes.remove(0).run(); // fails: the old value stays
    assertThat(cache.stats().refreshFailures()).isEqualTo(1);
    assertThat(queued.events(STALE_SERVED)).isEmpty();

    queued.clock.advance(TTL); // past the ttl: the load fails, the stale value answers
    assertThat(cache.get("a")).isEqualTo("a-v1");
    assertThat(cache.stats().staleServed()).isEqualTo(1);

    origin.down = false;
    origin.version.set(2);
    assertThat(cache.get("a")).isEqualTo("a-v2");
  }

  @Test
  void nullTtlCachesAbsentResultsInEveryTierForThatLong() {
    AtomicInteger calls = new AtomicInteger();
    TieredCache<String, String> cache = harness.runtime.cache(Harness.definition().ttl(TTL)
        .nullTtl(Duration.ofSeconds(30)).fallback("shared", Duration.ofHours(1), true).build(),
        key -> {
          calls.incrementAndGet();
          return null;
        });

    assertThat(cache.get("missing")).isNull();
    assertThat(cache.get("missing")).isNull();
    assertThat(calls.get()).isEqualTo(1);
    CacheEntry<Object> shared = harness.shared.peek("Test.get", "missing");
    assertThat(shared.value()).isNull();
    assertThat(shared.ttl()).hasValue(Duration.ofSeconds(30));

    harness.clock.advance(Duration.ofSeconds(29));
    cache.get("missing");
    assertThat(calls.get()).isEqualTo(1);
    harness.clock.advance(Duration.ofSeconds(1));
    cache.get("missing");
    assertThat(calls.get()).isEqualTo(2);
  }

  @Test
  void nullTtlCachesOptionalEmptyAndPromotesItWithItsOwnTtl() {
    AtomicInteger calls = new AtomicInteger();
    harness.shared.seed("Test.find", "k",
        CacheEntry.of(Optional.empty(), harness.clock.instant(), Duration.ofSeconds(30)));
    TieredCache<String, Optional<String>> cache = harness.runtime.cache(
        CacheDefinition.<String, Optional<String>>builder("Test.find", String.class,
                Types.parameterized(Optional.class, String.class))
            .ttl(TTL).nullTtl(Duration.ofSeconds(30))
            .fallback("shared", Duration.ofHours(1), true).build(),
        key -> {
          calls.incrementAndGet();
          return Optional.empty();
        });

    assertThat(cache.get("k")).isEmpty(); // from shared, promoted with 30s, not L1's 5m
    assertThat(calls.get()).isEqualTo(0);
    harness.clock.advance(Duration.ofSeconds(30)); // gone from L1 too: the origin is asked
    assertThat(cache.get("k")).isEmpty();
    assertThat(calls.get()).isEqualTo(1);
    assertThat(cache.get("other")).isEmpty();
    assertThat(cache.get("other")).isEmpty();
    assertThat(calls.get()).isEqualTo(2);
  }

  @Test
  void definitionsRejectNonsenseNamingTheFix() {
    IllegalArgumentException noTtl = assertThrows(IllegalArgumentException.class,
        () -> Harness.definition().staleIfError(STALE, null).build());
    assertThat(noTtl).hasMessageThat().contains("@StaleIfError needs a ttl");
    IllegalArgumentException slow = assertThrows(IllegalArgumentException.class,
        () -> Harness.definition().ttl(TTL).staleIfError(STALE, TTL).build());
    assertThat(slow).hasMessageThat().contains("softTimeout (PT5M) must be shorter than ttl");
    IllegalArgumentException longNull = assertThrows(IllegalArgumentException.class,
        () -> Harness.definition().ttl(TTL).nullTtl(Duration.ofMinutes(6)).build());
    assertThat(longNull).hasMessageThat().contains("nullTtl (PT6M) must not be longer than ttl");
    assertThrows(IllegalArgumentException.class,
        () -> Harness.definition().ttl(TTL).staleIfError(Duration.ZERO, null).build());
  }

  @Test
  void theStatsTableHasAStaleColumn() {
    TieredCache<String, String> cache = cache(staleIfError(null));
    cache.get("a");
    origin.down = true;
    harness.clock.advance(TTL);
    cache.get("a");

    String table = new ProxyStats(List.of(cache.stats())).toString();
    assertThat(table).contains("stale");
    String row = table.lines().filter(line -> line.startsWith("Test.get") && line.endsWith(" 1"))
        .findFirst().orElseThrow();
    assertThat(row).isNotEmpty();
  }

  @Test
  void aHitOfAStaleIfErrorMethodAllocatesNothing() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    try (TieredRuntime plain = TieredRuntime.builder().build()) { // no listener, system clock
      TieredCache<String, String> cache =
          plain.cache(staleIfError(SOFT_TIMEOUT).build(), origin::load);
      String key = "a";
      cache.get(key);
      for (int i = 0; i < 50_000; i++) { // warm up
        cache.get(key);
      }
      long before = threads.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < 100_000; i++) {
        cache.get(key);
      }
      long allocated = threads.getCurrentThreadAllocatedBytes() - before;

      assertThat(allocated).isLessThan(10_000L); // under a byte per hit: the measurement's noise
      assertThat(origin.calls.get()).isEqualTo(1);
    }
  }

  private static void awaitIdle(TieredCache<String, String> cache) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (EngineProbe.inFlightCount(cache) > 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(EngineProbe.inFlightCount(cache)).isEqualTo(0);
  }
}
