package io.tiered.benchmarks;

import io.tiered.runtime.Tiers;
import io.tiered.runtime.TieredRuntime;
import io.tiered.runtime.testing.ManualClock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A stale hit (refresh already scheduled for every key, held in flight) against a fresh hit of the
 * same method; and an L1 miss served by an in-memory fallback tier with promotion, directly, by a
 * hand-written two-level Caffeine lookup configured alike, and through {@link Tiers#withTimeout}
 * (the cost of a virtual thread per tier operation).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RefreshBenchmark {
  private final CountDownLatch releaseRefreshes = new CountDownLatch(1);
  private final AtomicBoolean holdRefreshes = new AtomicBoolean();
  private TieredRuntime freshRuntime;
  private TieredRuntime staleRuntime;
  private TieredRuntime boundedRuntime;
  private RefreshingPriceService fresh;
  private RefreshingPriceService stale;
  private RefreshingPriceService bounded;
  private TwoLevelCaffeine twoLevel;
  private TwoLevelCaffeine twoLevelCallerRuns;

  @Setup(Level.Trial)
  public void setUp() {
    RefreshingPriceService origin = new RefreshingPriceService() {
      @Override
      public Price price(String sku) {
        if (holdRefreshes.get()) {
          awaitRelease();
        }
        return new Price(sku, sku.length());
      }

      @Override
      public Price shared(String sku) {
        return new Price(sku, sku.length());
      }
    };
    ManualClock staleClock = new ManualClock();
    freshRuntime = TieredRuntime.builder().tier("shared", Tiers.memory()).build();
    staleRuntime = TieredRuntime.builder().clock(staleClock).tier("shared", Tiers.memory()).build();
    boundedRuntime = TieredRuntime.builder()
        .tier("shared", Tiers.withTimeout(Tiers.memory(), Duration.ofSeconds(1)))
        .build();
    fresh = new TieredRefreshingPriceService(origin, freshRuntime);
    stale = new TieredRefreshingPriceService(origin, staleRuntime);
    bounded = new TieredRefreshingPriceService(origin, boundedRuntime);
    twoLevel = new TwoLevelCaffeine(origin::shared, ForkJoinPool.commonPool());
    twoLevelCallerRuns = new TwoLevelCaffeine(origin::shared, Runnable::run);
    for (String sku : Keys.SKUS) {
      twoLevel.get(sku);
      twoLevelCallerRuns.get(sku);
      fresh.price(sku);
      stale.price(sku);
      fresh.shared(sku);
      bounded.shared(sku);
    }
    holdRefreshes.set(true);
    staleClock.advance(Duration.ofMinutes(2));
    for (String sku : Keys.SKUS) {
      stale.price(sku); // schedules one refresh per key, held until tear-down
    }
  }

  private void awaitRelease() {
    try {
      releaseRefreshes.await();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    releaseRefreshes.countDown();
    freshRuntime.close();
    staleRuntime.close();
    boundedRuntime.close();
  }

  @Benchmark
  public Price freshHit(Cursor cursor) {
    return fresh.price(Keys.SKUS[cursor.next()]);
  }

  @Benchmark
  public Price staleHit(Cursor cursor) {
    return stale.price(Keys.SKUS[cursor.next()]);
  }

  @Benchmark
  public Price fallbackHitPromoted(Cursor cursor) {
    return fresh.shared(Keys.SKUS[cursor.next()]);
  }

  @Benchmark
  public Price fallbackHitHandWritten(Cursor cursor) {
    return twoLevel.get(Keys.SKUS[cursor.next()]);
  }

  /** Caffeine's maintenance on the calling thread, as Tiered's tiers run it. */
  @Benchmark
  public Price fallbackHitHandWrittenCallerRuns(Cursor cursor) {
    return twoLevelCallerRuns.get(Keys.SKUS[cursor.next()]);
  }

  @Benchmark
  public Price fallbackHitPromotedTimeBounded(Cursor cursor) {
    return bounded.shared(Keys.SKUS[cursor.next()]);
  }
}
