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
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/** L1 hits: the generated proxy against hand-written Caffeine and Spring {@code @Cacheable}. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HitBenchmark {
  private TieredRuntime runtime;
  private AnnotationConfigApplicationContext spring;
  private PriceService tiered;
  private PriceService caffeine;
  private PriceService springCacheable;

  @Setup(Level.Trial)
  public void setUp() {
    runtime = TieredRuntime.builder().build();
    spring = SpringContenders.start();
    tiered = new TieredPriceService(new OriginPriceService(), runtime);
    caffeine = new CaffeinePriceService(new OriginPriceService());
    springCacheable = spring.getBean("springPriceService", PriceService.class);
    Keys.warm(tiered);
    Keys.warm(caffeine);
    Keys.warm(springCacheable);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    spring.close();
    runtime.close();
  }

  @Benchmark
  public Price oneKeyTiered(Cursor cursor) {
    return tiered.price(Keys.SKUS[cursor.next()]);
  }

  @Benchmark
  public Price oneKeyCaffeine(Cursor cursor) {
    return caffeine.price(Keys.SKUS[cursor.next()]);
  }

  @Benchmark
  public Price oneKeySpring(Cursor cursor) {
    return springCacheable.price(Keys.SKUS[cursor.next()]);
  }

  @Benchmark
  public Price threeKeysTiered(Cursor cursor) {
    int i = cursor.next();
    return tiered.quote(Keys.SKUS[i], Keys.region(i), Keys.quantity(i));
  }

  @Benchmark
  public Price threeKeysCaffeine(Cursor cursor) {
    int i = cursor.next();
    return caffeine.quote(Keys.SKUS[i], Keys.region(i), Keys.quantity(i));
  }

  @Benchmark
  public Price threeKeysSpring(Cursor cursor) {
    int i = cursor.next();
    return springCacheable.quote(Keys.SKUS[i], Keys.region(i), Keys.quantity(i));
  }
}
