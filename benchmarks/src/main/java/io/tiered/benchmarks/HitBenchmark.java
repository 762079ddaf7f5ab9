package io.tiered.benchmarks;

import io.tiered.micrometer.TieredMetrics;
import io.tiered.micrometer.TieredObservations;
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

/**
 * L1 hits: the generated proxy against hand-written Caffeine and Spring {@code @Cacheable}, each
 * configured alike by {@link Setting} (expiry, metrics). Each contender is its own state, so a
 * fork builds only the one it measures.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HitBenchmark {

  @Benchmark
  public Price oneKeyTiered(TieredContender contender, Cursor cursor) {
    return contender.service.price(Keys.SKUS[cursor.next()]);
  }

  @Benchmark
  public Price oneKeyCaffeine(CaffeineContender contender, Cursor cursor) {
    return contender.service.price(Keys.SKUS[cursor.next()]);
  }

  @Benchmark
  public Price oneKeySpring(SpringContender contender, Cursor cursor) {
    return contender.service.price(Keys.SKUS[cursor.next()]);
  }

  /** A hit of a method whose entries carry two tags: against {@link #oneKeyTiered}. */
  @Benchmark
  public Price oneKeyTagged(TaggedContender contender, Cursor cursor) {
    return contender.service.price(Keys.SKUS[cursor.next()]);
  }

  @Benchmark
  public Price threeKeysTiered(TieredContender contender, Cursor cursor) {
    int i = cursor.next();
    return contender.service.quote(Keys.SKUS[i], Keys.region(i), Keys.quantity(i));
  }

  @Benchmark
  public Price threeKeysCaffeine(CaffeineContender contender, Cursor cursor) {
    int i = cursor.next();
    return contender.service.quote(Keys.SKUS[i], Keys.region(i), Keys.quantity(i));
  }

  @Benchmark
  public Price threeKeysSpring(SpringContender contender, Cursor cursor) {
    int i = cursor.next();
    return contender.service.quote(Keys.SKUS[i], Keys.region(i), Keys.quantity(i));
  }

  /**
   * A generated proxy over a runtime configured as {@link Setting} says ({@code TieredMetrics}
   * when metered, {@code TieredObservations} when traced), closed after the trial.
   */
  public abstract static class ProxyContender {
    PriceLookup service;
    private TieredRuntime runtime;

    @Setup(Level.Trial)
    public void setUp(Setting setting) {
      TieredRuntime.Builder builder = TieredRuntime.builder();
      if (setting.metered()) {
        builder.listener(TieredMetrics.of(setting.registry));
      }
      if (setting.traced()) {
        builder.instrumentation(TieredObservations.of(setting.observations));
      }
      runtime = builder.build();
      service = proxy(new OriginPriceService(), runtime, setting);
      Keys.warm(service);
    }

    /** The proxy measured, of {@code origin} over {@code runtime}. */
    abstract PriceLookup proxy(OriginPriceService origin, TieredRuntime runtime, Setting setting);

    @TearDown(Level.Trial)
    public void tearDown() {
      runtime.close();
    }
  }

  /** The generated proxy, with a ttl when the setting has one. */
  @State(Scope.Benchmark)
  public static class TieredContender extends ProxyContender {
    @Override
    PriceLookup proxy(OriginPriceService origin, TieredRuntime runtime, Setting setting) {
      return setting.expires()
          ? new TieredExpiringPriceService(origin, runtime)
          : new TieredPriceService(origin, runtime);
    }
  }

  /** The generated proxy of {@link TaggedPriceService}: a ttl and two tags. */
  @State(Scope.Benchmark)
  public static class TaggedContender extends ProxyContender {
    @Override
    PriceLookup proxy(OriginPriceService origin, TieredRuntime runtime, Setting setting) {
      return new TieredTaggedPriceService(origin, runtime);
    }
  }

  /** Caffeine by hand. */
  @State(Scope.Benchmark)
  public static class CaffeineContender {
    PriceLookup service;

    @Setup(Level.Trial)
    public void setUp(Setting setting) {
      service = new CaffeinePriceService(new OriginPriceService(), setting);
      Keys.warm(service);
    }
  }

  /** Spring's {@code @Cacheable} over a {@code CaffeineCacheManager} of the same spec. */
  @State(Scope.Benchmark)
  public static class SpringContender {
    PriceLookup service;
    private AnnotationConfigApplicationContext spring;

    @Setup(Level.Trial)
    public void setUp(Setting setting) {
      spring = SpringContenders.start(setting);
      service = spring.getBean("springPriceService", PriceLookup.class);
      Keys.warm(service);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      spring.close();
    }
  }
}
