package io.tiered.runtime;

import static com.google.common.truth.Truth.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.tiered.runtime.internal.CacheDefinition;
import io.tiered.runtime.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Pins how L1 is configured, which decides what a hit costs (docs/benchmarks.md): production
 * gets Caffeine's own defaults and a fixed expiry, tests get determinism.
 */
class L1ConfigurationTest {

  @Test
  void theDefaultRuntimeReadsTheSystemTickerAndMaintainsOnTheCallersThread() {
    LocalTier<String, String> l1 = l1Of(TieredRuntime.defaults(), definition().build());

    assertThat(l1.maintenance().ticker()).isSameInstanceAs(Ticker.systemTicker());
    assertThat(l1.maintenance().executor())
        .isSameInstanceAs(CaffeineBuilders.Maintenance.CALLER_RUNS);
  }

  @Test
  void anyFormOfTheSystemClockIsProduction() {
    for (InstantSource system : new InstantSource[] {
        InstantSource.system(), java.time.Clock.systemUTC(), java.time.Clock.systemDefaultZone()}) {
      try (TieredRuntime runtime = TieredRuntime.builder().clock(system).build()) {
        assertThat(l1Of(runtime, definition().build()).maintenance().ticker())
            .isSameInstanceAs(Ticker.systemTicker());
      }
    }
  }

  @Test
  void aTestClockTicksWithTheClock() {
    ManualClock clock = new ManualClock();
    try (TieredRuntime runtime = TieredRuntime.builder().clock(clock).build()) {
      LocalTier<String, String> l1 = l1Of(runtime, definition().build());

      assertThat(l1.maintenance().executor())
          .isSameInstanceAs(CaffeineBuilders.Maintenance.CALLER_RUNS);
      long before = l1.maintenance().ticker().read();
      clock.advance(Duration.ofSeconds(1));
      assertThat(l1.maintenance().ticker().read() - before).isEqualTo(1_000_000_000L);
    }
  }

  @Test
  void aTtlIsAFixedExpiryNotAVariableOne() {
    LocalTier<String, String> l1 =
        l1Of(TieredRuntime.defaults(), definition().ttl(Duration.ofMinutes(10)).build());

    assertThat(l1.caffeine().policy().expireAfterWrite().orElseThrow().getExpiresAfter())
        .isEqualTo(Duration.ofMinutes(10));
    assertThat(l1.caffeine().policy().expireVariably()).isEmpty();
  }

  @Test
  void refreshAfterLeavesExpiryToTheEnginesOwnClockRead() {
    LocalTier<String, String> l1 = l1Of(TieredRuntime.defaults(),
        definition().ttl(Duration.ofMinutes(10)).refreshAfter(Duration.ofMinutes(1)).build());

    assertThat(l1.caffeine().policy().expireAfterWrite()).isEmpty();
    assertThat(l1.caffeine().policy().expireVariably()).isEmpty();
  }

  @Test
  void aFreshValueIsStoredBareAndAnOlderOneWithItsExpiry() {
    ManualClock clock = new ManualClock();
    try (TieredRuntime runtime = TieredRuntime.builder().clock(clock).build()) {
      LocalTier<String, String> l1 = l1Of(runtime, definition().ttl(Duration.ofMinutes(10)).build());

      l1.put("fresh", CacheEntry.of("v", clock.instant(), Duration.ofMinutes(10)));
      l1.put("promoted",
          CacheEntry.of("v", clock.instant().minusSeconds(60), Duration.ofMinutes(10)));

      assertThat(l1.lookup("fresh")).isEqualTo("v");
      assertThat(LocalTier.isTimed(l1.lookup("promoted"))).isTrue();
    }
  }

  @Test
  void aFallbackHitOfAValueThatNeverExpiresReadsNoClock() {
    CountingClock clock = new CountingClock();
    try (TieredRuntime runtime =
        TieredRuntime.builder().clock(clock).tier("shared", Tiers.memory()).build()) {
      TieredCacheEngine<String, String> engine = (TieredCacheEngine<String, String>) runtime.cache(
          definition().fallback("shared", null, true).build(), key -> key);
      engine.get("a");
      engine.invalidateInFrontOf(1, "a"); // leaves it in the fallback tier only
      long readsBefore = clock.reads.get();

      assertThat(engine.get("a")).isEqualTo("a");

      assertThat(engine.stats().tier("shared").hits()).isEqualTo(1);
      assertThat(LocalTier.isTimed(EngineProbe.l1(engine).lookup("a"))).isFalse(); // promoted bare
      assertThat(clock.reads.get() - readsBefore).isEqualTo(0);
    }
  }

  @Test
  void aPromotedOlderValueIsServedByThePlainHitPathUntilItsOwnExpiry() {
    ManualClock clock = new ManualClock();
    AtomicInteger loads = new AtomicInteger();
    try (TieredRuntime runtime =
        TieredRuntime.builder().clock(clock).tier("shared", Tiers.memory()).build()) {
      TieredCacheEngine<String, String> engine = (TieredCacheEngine<String, String>) runtime.cache(
          definition().ttl(Duration.ofMinutes(10))
              .fallback("shared", Duration.ofMinutes(10), true).build(),
          key -> key + loads.incrementAndGet());
      assertThat(engine.get("a")).isEqualTo("a1"); // every L1 entry so far is bare
      engine.invalidateInFrontOf(1, "a"); // leaves it in the fallback tier only
      clock.advance(Duration.ofMinutes(9));

      assertThat(engine.get("a")).isEqualTo("a1"); // promoted with a minute left: timed
      assertThat(LocalTier.isTimed(EngineProbe.l1(engine).lookup("a"))).isTrue();
      assertThat(engine.get("a")).isEqualTo("a1"); // the hit path reads the entry's value
      clock.advance(Duration.ofMinutes(1));
      assertThat(engine.get("a")).isEqualTo("a2"); // at its own expiry, not L1's fixed one
      assertThat(loads.get()).isEqualTo(2);
    }
  }

  @Test
  void aNullCachedForLessThanTheTtlIsServedByThePlainHitPathUntilItsOwnExpiry() {
    ManualClock clock = new ManualClock();
    AtomicInteger loads = new AtomicInteger();
    try (TieredRuntime runtime = TieredRuntime.builder().clock(clock).build()) {
      TieredCacheEngine<String, String> engine = (TieredCacheEngine<String, String>) runtime.cache(
          definition().ttl(Duration.ofMinutes(10)).nullTtl(Duration.ofSeconds(30)).build(),
          key -> {
            loads.incrementAndGet();
            return null;
          });

      assertThat(engine.get("a")).isNull();
      assertThat(engine.get("a")).isNull(); // a hit of the timed absent entry
      assertThat(loads.get()).isEqualTo(1);
      clock.advance(Duration.ofSeconds(30));
      assertThat(engine.get("a")).isNull();
      assertThat(loads.get()).isEqualTo(2);
    }
  }

  /** A clock that counts its reads: a clock read costs as much as an L1 lookup. */
  private static final class CountingClock implements InstantSource {
    final AtomicLong reads = new AtomicLong();
    private final ManualClock time = new ManualClock();

    @Override
    public Instant instant() {
      reads.incrementAndGet();
      return time.instant();
    }

    @Override
    public long millis() {
      reads.incrementAndGet();
      return time.millis();
    }
  }

  private static CacheDefinition.Builder<String, String> definition() {
    return CacheDefinition.builder("Config.get", String.class, String.class);
  }

  private static LocalTier<String, String> l1Of(TieredRuntime runtime,
      CacheDefinition<String, String> definition) {
    return EngineProbe.l1(runtime.cache(definition, key -> key));
  }
}
