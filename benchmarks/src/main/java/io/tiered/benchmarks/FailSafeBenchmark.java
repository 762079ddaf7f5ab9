package io.tiered.benchmarks;

import io.tiered.runtime.TieredRuntime;
import java.util.concurrent.TimeUnit;
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
 * A fresh hit of a {@code @StaleIfError} method (L1 keeps timed entries, so it reads the clock)
 * against a hit of the same method without it, over the default runtime.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FailSafeBenchmark {
  private TieredRuntime runtime;
  private FailSafePriceService service;

  @Setup(Level.Trial)
  public void setUp() {
    runtime = TieredRuntime.builder().build();
    service = new TieredFailSafePriceService(new FailSafePriceService() {
      @Override
      public Price price(String sku) {
        return new Price(sku, sku.length());
      }

      @Override
      public Price plain(String sku) {
        return new Price(sku, sku.length());
      }
    }, runtime);
    for (String sku : Keys.SKUS) {
      service.price(sku);
      service.plain(sku);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    runtime.close();
  }

  @Benchmark
  public Price staleIfErrorHit(Cursor cursor) {
    return service.price(Keys.SKUS[cursor.next()]);
  }

  @Benchmark
  public Price plainHit(Cursor cursor) {
    return service.plain(Keys.SKUS[cursor.next()]);
  }
}
