package io.tiered.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tiered.runtime.TieredRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
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
 * A bulk read of 100 keys of which 10 miss L1: Tiered's {@code @Bulk} method against (a) a loop of
 * single-key proxy calls and (b) Caffeine's {@code getAll} with a bulk loader written by hand.
 * Every contender has the same L1 (Caffeine, {@value #MAXIMUM_SIZE} entries, 10-minute ttl, no
 * statistics) and answers the same requests: 90 of 1,024 warm keys and 10 keys never asked before.
 * Each contender's teardown prints its origin calls per request, and fails if the bulk contenders
 * made more than one.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BulkBenchmark {
  static final int MAXIMUM_SIZE = 10_000;
  private static final int KEYS = 100;
  private static final int MISSES = 10;
  /** Enough requests that a key missed once is long evicted when its request comes round again. */
  private static final int REQUESTS = 1 << 14;

  @Benchmark
  public Map<String, Price> tieredBulk(TieredBulkContender contender, Requests requests) {
    return contender.service.prices(requests.next());
  }

  @Benchmark
  public Map<String, Price> tieredLoop(TieredLoopContender contender, Requests requests) {
    Map<String, Price> prices = new HashMap<>();
    for (String sku : requests.next()) {
      prices.put(sku, contender.service.price(sku));
    }
    return prices;
  }

  @Benchmark
  public Map<String, Price> caffeineGetAll(CaffeineContender contender, Requests requests) {
    return contender.prices(requests.next());
  }

  /** The same requests for every contender, in turn. */
  @State(Scope.Benchmark)
  public static class Requests {
    private final List<List<String>> requests = new ArrayList<>(REQUESTS);
    private int next;
    long served;

    @Setup(Level.Trial)
    public void setUp() {
      int fresh = 0;
      for (int r = 0; r < REQUESTS; r++) {
        List<String> keys = new ArrayList<>(KEYS);
        for (int k = 0; k < KEYS - MISSES; k++) {
          keys.add(Keys.SKUS[(r * 7 + k) & Keys.MASK]);
        }
        for (int k = 0; k < MISSES; k++) {
          keys.add("new-" + fresh++);
        }
        requests.add(List.copyOf(keys));
      }
    }

    List<String> next() {
      served++;
      return requests.get(next++ & (REQUESTS - 1));
    }
  }

  /** The origin, counting its calls: one per key for single-key calls, one per bulk call. */
  static final class CountingOrigin implements BulkPriceService {
    final LongAdder calls = new LongAdder();

    @Override
    public Price price(String sku) {
      calls.increment();
      return new Price(sku, sku.hashCode() & 0xFFFF);
    }

    @Override
    public Map<String, Price> prices(Collection<String> skus) {
      calls.increment();
      Map<String, Price> prices = new HashMap<>();
      for (String sku : skus) {
        prices.put(sku, new Price(sku, sku.hashCode() & 0xFFFF));
      }
      return prices;
    }

    void warm(BulkPriceService service) {
      for (String sku : Keys.SKUS) {
        service.price(sku);
      }
      calls.reset();
    }

    /** Prints the origin calls per request; fails a bulk contender that made more than one. */
    void report(String contender, Requests requests, boolean bulk) {
      double perRequest = (double) calls.sum() / requests.served;
      System.out.printf("%n%s: %.2f origin calls per request%n", contender, perRequest);
      if (bulk && perRequest > 1) {
        throw new IllegalStateException(contender + " made " + perRequest + " origin calls per"
            + " request; a bulk read makes at most one");
      }
    }
  }

  /** The generated proxy over a default runtime. */
  public abstract static class TieredContender {
    final CountingOrigin origin = new CountingOrigin();
    BulkPriceService service;
    private TieredRuntime runtime;

    @Setup(Level.Trial)
    public void setUp() {
      runtime = TieredRuntime.builder().build();
      service = new TieredBulkPriceService(origin, runtime);
      origin.warm(service);
    }

    @TearDown(Level.Trial)
    public void tearDown(Requests requests) {
      boolean bulk = this instanceof TieredBulkContender;
      origin.report(bulk ? "tiered @Bulk" : "tiered loop", requests, bulk);
      runtime.close();
    }
  }

  /** The proxy's {@code @Bulk} method. */
  @State(Scope.Benchmark)
  public static class TieredBulkContender extends TieredContender {}

  /** A loop of the proxy's single-key method. */
  @State(Scope.Benchmark)
  public static class TieredLoopContender extends TieredContender {}

  /** Caffeine by hand: {@code getAll} with the origin's bulk method as its bulk loader. */
  @State(Scope.Benchmark)
  public static class CaffeineContender {
    final CountingOrigin origin = new CountingOrigin();
    private final Cache<String, Price> cache = Caffeine.newBuilder()
        .maximumSize(MAXIMUM_SIZE)
        .expireAfterWrite(Duration.ofMinutes(10))
        .build();

    @Setup(Level.Trial)
    public void setUp() {
      for (String sku : Keys.SKUS) {
        cache.put(sku, origin.price(sku));
      }
      origin.calls.reset();
    }

    @SuppressWarnings("unchecked") // Caffeine passes the missing keys as a Set<? extends String>
    Map<String, Price> prices(List<String> skus) {
      return cache.getAll(skus, missing -> origin.prices((Set<String>) missing));
    }

    @TearDown(Level.Trial)
    public void tearDown(Requests requests) {
      origin.report("caffeine getAll", requests, true);
    }
  }
}
