package io.tiered.benchmarks;

import com.github.benmanes.caffeine.cache.AsyncCache;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.tiered.Tiered;
import io.tiered.micrometer.TieredMetrics;
import io.tiered.runtime.TieredRuntime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * L1 hits of a {@code Mono} method: the generated proxy against the hand-written reactive lookup,
 * {@code Mono.fromFuture(() -> caffeineAsyncCache.get(sku, loader))} (lazy, as the proxy's is),
 * and Spring's reactive {@code @Cacheable}, configured alike by {@link Setting}. Both are subscribed the same way, with {@code block()}, as a
 * stand-in for the framework that subscribes in an application; each checks at tear-down that the
 * origin was never called after warming, so every measured call was a hit.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MonoHitBenchmark {

  /** What both contenders answer. */
  public interface MonoLookup {
    Mono<Price> price(String sku);
  }

  /** Tiered's contender without a ttl: L1 bounded by size only. */
  @Tiered(maximumSize = Setting.MAXIMUM_SIZE)
  public interface ReactivePrices extends MonoLookup {
    @Override
    Mono<Price> price(String sku);
  }

  /** Tiered's contender with a ttl, as nearly every real method has one. */
  @Tiered(maximumSize = Setting.MAXIMUM_SIZE, ttl = "10m")
  public interface ExpiringReactivePrices extends MonoLookup {
    @Override
    Mono<Price> price(String sku);
  }

  @Benchmark
  public Price monoTiered(TieredContender contender, Cursor cursor) {
    return contender.service.price(Keys.SKUS[cursor.next()]).block();
  }

  @Benchmark
  public Price monoCaffeine(CaffeineContender contender, Cursor cursor) {
    return contender.price(Keys.SKUS[cursor.next()]).block();
  }

  @Benchmark
  public Price monoSpring(SpringContender contender, Cursor cursor) {
    return contender.service.price(Keys.SKUS[cursor.next()]).block();
  }

  /** Cheap and deterministic; counts its subscriptions, which a hit row must never make. */
  static final class Origin implements ReactivePrices, ExpiringReactivePrices {
    final AtomicLong calls = new AtomicLong();

    @Override
    public Mono<Price> price(String sku) {
      return Mono.fromSupplier(() -> {
        calls.incrementAndGet();
        return new Price(sku, sku.hashCode() & 0xFFFF);
      });
    }

    /** Asks every key once, so that the measured calls are all hits; returns the calls made. */
    long warm(MonoLookup service) {
      for (String sku : Keys.SKUS) {
        service.price(sku).block();
      }
      return calls.get();
    }

    void assertNoCallSince(long warmed) {
      if (calls.get() != warmed) {
        throw new IllegalStateException("a hit benchmark called its origin "
            + (calls.get() - warmed) + " times: it measured misses");
      }
    }
  }

  /** The generated proxy over the default runtime, plus {@code TieredMetrics} when metered. */
  @State(Scope.Benchmark)
  public static class TieredContender {
    MonoLookup service;
    private final Origin origin = new Origin();
    private TieredRuntime runtime;
    private long warmed;

    @Setup(Level.Trial)
    public void setUp(Setting setting) {
      TieredRuntime.Builder builder = TieredRuntime.builder();
      if (setting.metered()) {
        builder.listener(TieredMetrics.of(setting.registry));
      }
      runtime = builder.build();
      service = setting.expires()
          ? new TieredMonoHitBenchmark_ExpiringReactivePrices(origin, runtime)
          : new TieredMonoHitBenchmark_ReactivePrices(origin, runtime);
      warmed = origin.warm(service);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      runtime.close();
      origin.assertNoCallSince(warmed);
    }
  }

  /** Caffeine's {@code AsyncCache} by hand, bridged with {@code Mono.fromFuture}. */
  @State(Scope.Benchmark)
  public static class CaffeineContender {
    private final Origin origin = new Origin();
    private final BiFunction<String, Executor, CompletableFuture<Price>> loader =
        (sku, executor) -> origin.price(sku).toFuture();
    private AsyncCache<String, Price> prices;
    private long warmed;

    @Setup(Level.Trial)
    public void setUp(Setting setting) {
      prices = setting.caffeine().buildAsync();
      if (setting.metered()) {
        CaffeineCacheMetrics.monitor(setting.registry, prices.synchronous(), "prices");
      }
      warmed = origin.warm(this::price);
    }

    Mono<Price> price(String sku) {
      return Mono.fromFuture(() -> prices.get(sku, loader));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      origin.assertNoCallSince(warmed);
    }
  }

  /**
   * Spring's reactive {@code @Cacheable} (a {@code Mono} method) on a {@code CaffeineCacheManager}
   * in async cache mode, of the same spec: plain context, no Boot.
   */
  @State(Scope.Benchmark)
  public static class SpringContender {
    MonoLookup service;
    private final Origin origin = new Origin();
    private AnnotationConfigApplicationContext spring;
    private long warmed;

    @Setup(Level.Trial)
    public void setUp(Setting setting) {
      spring = new AnnotationConfigApplicationContext();
      spring.registerBean(Setting.class, () -> setting);
      spring.registerBean(Origin.class, () -> origin);
      spring.register(SpringConfig.class);
      spring.refresh();
      if (setting.metered()) {
        CaffeineCache cache = (CaffeineCache) spring.getBean(CaffeineCacheManager.class)
            .getCache("prices");
        CaffeineCacheMetrics.monitor(setting.registry, cache.getNativeCache(), "prices");
      }
      service = spring.getBean("springReactivePrices", MonoLookup.class);
      warmed = origin.warm(service);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      spring.close();
      origin.assertNoCallSince(warmed);
    }
  }

  @Configuration
  @EnableCaching
  static class SpringConfig {
    @Bean
    CaffeineCacheManager cacheManager(Setting setting) {
      CaffeineCacheManager manager = new CaffeineCacheManager();
      manager.setCaffeine(setting.caffeine());
      manager.setAsyncCacheMode(true);
      manager.setCacheNames(List.of("prices"));
      return manager;
    }

    @Bean
    MonoLookup springReactivePrices(Origin origin) {
      return new SpringReactivePrices(origin);
    }
  }

  static class SpringReactivePrices implements MonoLookup {
    private final MonoLookup origin;

    SpringReactivePrices(MonoLookup origin) {
      this.origin = origin;
    }

    @Override
    @Cacheable("prices")
    public Mono<Price> price(String sku) {
      return origin.price(sku);
    }
  }
}
