package io.tiered.benchmarks;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.tiered.redis.RedisTierFactory;
import io.tiered.redis.RedisTiers;
import io.tiered.runtime.TieredRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * The Redis path, against a real {@code redis-server} each JVM starts on a free loopback port:
 * Tiered's generated proxy over {@code RedisTiers}, a hand-written two-level lookup
 * ({@link TwoLevelRedis}: Caffeine + Lettuce + the same Jackson codec) and Spring's
 * {@code @Cacheable} on a {@code RedisCacheManager} (no L1).
 *
 * <ul>
 *   <li>{@code l2Hit*}: 1,024 keys all in Redis, an L1 of {@value #L1_SIZE}: nearly every call
 *       misses L1 and hits Redis (the tear-down prints Redis hits and origin calls per call).
 *   <li>{@code fill*}: a key never asked before on every call: L1 miss, Redis miss, origin, Redis
 *       write (acknowledged, unless the row says otherwise), L1 write.
 *   <li>{@code bulk*}: 100 keys in Redis per call, read in one round trip: one {@code MGET} by
 *       hand and by Tiered, leases on or off (with leases, only keys Redis lacks would then be
 *       leased, through a pipeline of {@code SET NX PX GET}: none here). The tear-down prints the
 *       commands per call and fails a contender that sent more than one {@code MGET} or any
 *       {@code SET}, or called the origin.
 *   <li>{@code callers*}: {@value #BATCH} L2 hits per invocation spread over {@code callers}
 *       virtual threads, which share each contender's one Redis connection.
 * </ul>
 *
 * {@link RedisMain} runs the latency rows in sample mode (mean and p99) and the callers rows in
 * average time, as the annotations say for a run from JMH's command line.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RedisBenchmark {
  static final int L1_SIZE = 16;
  static final int BULK_KEYS = 100;
  static final int BATCH = 2_048;

  @Benchmark
  public Price l2HitHandWritten(HandWritten contender, Cursor cursor) {
    return contender.calls(contender.lookup.price(Keys.SKUS[cursor.next()]));
  }

  @Benchmark
  public Price l2HitSpring(Spring contender, Cursor cursor) {
    return contender.calls(contender.service.price(Keys.SKUS[cursor.next()]));
  }

  @Benchmark
  public Price l2HitTiered(TieredLeases contender, Cursor cursor) {
    return contender.calls(contender.service.price(Keys.SKUS[cursor.next()]));
  }

  @Benchmark
  public Price l2HitTieredNoLeases(TieredNoLeases contender, Cursor cursor) {
    return contender.calls(contender.service.price(Keys.SKUS[cursor.next()]));
  }

  @Benchmark
  public Price fillHandWritten(HandWritten contender, Fresh fresh) {
    return contender.calls(contender.lookup.price(fresh.next()));
  }

  @Benchmark
  public Price fillSpring(Spring contender, Fresh fresh) {
    return contender.calls(contender.service.price(fresh.next()));
  }

  @Benchmark
  public Price fillSpringUnacknowledged(SpringUnacknowledged contender, Fresh fresh) {
    return contender.calls(contender.service.price(fresh.next()));
  }

  @Benchmark
  public Price fillTieredLeases(TieredLeases contender, Fresh fresh) {
    return contender.calls(contender.service.price(fresh.next()));
  }

  @Benchmark
  public Price fillTieredNoLeases(TieredNoLeases contender, Fresh fresh) {
    return contender.calls(contender.service.price(fresh.next()));
  }

  @Benchmark
  public Map<String, Price> bulkHandWritten(HandWritten contender, Cursor cursor) {
    contender.calls++;
    return contender.lookup.prices(bulkRequest(cursor));
  }

  @Benchmark
  public Map<String, Price> bulkTiered(TieredLeases contender, Cursor cursor) {
    contender.calls++;
    return contender.service.prices(bulkRequest(cursor));
  }

  @Benchmark
  public Map<String, Price> bulkTieredNoLeases(TieredNoLeases contender, Cursor cursor) {
    contender.calls++;
    return contender.service.prices(bulkRequest(cursor));
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OperationsPerInvocation(BATCH)
  public void callersHandWritten(HandWritten contender, Callers callers) throws Exception {
    callers.run(contender.lookup::price);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OperationsPerInvocation(BATCH)
  public void callersSpring(Spring contender, Callers callers) throws Exception {
    callers.run(contender.service::price);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OperationsPerInvocation(BATCH)
  public void callersTiered(TieredLeases contender, Callers callers) throws Exception {
    callers.run(contender.service::price);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OperationsPerInvocation(BATCH)
  public void callersTieredNoLeases(TieredNoLeases contender, Callers callers) throws Exception {
    callers.run(contender.service::price);
  }

  private static List<String> bulkRequest(Cursor cursor) {
    int first = cursor.next() * 7;
    List<String> skus = new ArrayList<>(BULK_KEYS);
    for (int k = 0; k < BULK_KEYS; k++) {
      skus.add(Keys.SKUS[(first + k) & Keys.MASK]);
    }
    return skus;
  }

  /** Keys never asked before: one new key per call, for the miss + fill rows. */
  @State(Scope.Thread)
  public static class Fresh {
    private static final AtomicLong THREADS = new AtomicLong();
    private final String prefix = "fresh-" + THREADS.incrementAndGet() + "-";
    private long next;

    String next() {
      return prefix + next++;
    }
  }

  /** {@code callers} virtual threads sharing {@value #BATCH} L2 hits per invocation. */
  @State(Scope.Benchmark)
  public static class Callers {
    @Param({"16", "64"})
    public int callers;

    void run(Function<String, Price> lookup) throws InterruptedException {
      int each = BATCH / callers;
      Thread[] threads = new Thread[callers];
      for (int c = 0; c < callers; c++) {
        int offset = c * (Keys.COUNT / callers);
        threads[c] = Thread.ofVirtual().start(() -> {
          for (int i = 0; i < each; i++) {
            lookup.apply(Keys.SKUS[(offset + i) & Keys.MASK]);
          }
        });
      }
      for (Thread thread : threads) {
        thread.join();
      }
    }
  }

  /**
   * One contender's Redis, started for its JVM, with the origin and the checks: every key of
   * {@link Keys} is in Redis before the first measured call.
   */
  public abstract static class Contender {
    final LongAdder originCalls = new LongAdder();
    final Function<String, Price> origin = sku -> {
      originCalls.increment();
      return new Price(sku, sku.hashCode() & 0xFFFF);
    };
    LocalRedis redis;
    long calls;
    private long hitsBefore;
    private long mgetsBefore;
    private long setsBefore;
    private long commandsBefore;

    @Setup(Level.Trial)
    public void startRedis() throws Exception {
      startOn(LocalRedis.start());
    }

    /**
     * Builds this contender against {@code server} and fills Redis with every key; the contenders
     * of {@link PairedRedisBenchmark} share one server, each with keys of its own.
     */
    void startOn(LocalRedis server) throws Exception {
      redis = server;
      build();
      for (String sku : Keys.SKUS) {
        lookup(sku);
      }
      originCalls.reset();
      hitsBefore = redis.info("stats", "keyspace_hits");
      mgetsBefore = redis.info("commandstats", "cmdstat_mget");
      setsBefore = redis.info("commandstats", "cmdstat_set");
      commandsBefore = redis.info("stats", "total_commands_processed");
    }

    abstract void build() throws Exception;

    abstract Price lookup(String sku);

    abstract void close() throws Exception;

    Price calls(Price price) {
      calls++;
      return price;
    }

    /**
     * Prints what the calls did, and fails a row that did not measure what its name says: an L2
     * hit that was not a Redis hit or called the origin, a fill that did not call the origin once
     * per call, a bulk read that sent more than one {@code MGET} or any {@code SET}.
     */
    @TearDown(Level.Trial)
    public void report(BenchmarkParams params) throws Exception {
      CpuProfiler.tearingDown();
      try {
        if (calls > 0) {
          double hits = (double) (redis.info("stats", "keyspace_hits") - hitsBefore) / calls;
          double mgets = (double) (redis.info("commandstats", "cmdstat_mget") - mgetsBefore)
              / calls;
          double sets = (double) (redis.info("commandstats", "cmdstat_set") - setsBefore) / calls;
          double commands = (double) (redis.info("stats", "total_commands_processed")
              - commandsBefore) / calls; // with this report's few INFOs, over thousands of calls
          System.out.printf("%n%s: per call %.3f Redis commands (%.3f MGET, %.3f SET),"
              + " %.3f Redis hits, %.3f origin calls%n", getClass().getSimpleName(), commands,
              mgets, sets, hits, (double) originCalls.sum() / calls);
          double origins = (double) originCalls.sum() / calls;
          String row = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
          check(row, row.startsWith("l2Hit") && (hits < 0.95 || origins > 0),
              "an L2 hit row must hit Redis on nearly every call and never call the origin");
          check(row, row.startsWith("fill") && origins != 1, "a fill calls the origin once");
          check(row, row.startsWith("bulk") && (mgets > 1.0 || sets > 0 || origins > 0),
              "a bulk read sends at most one MGET, leases nothing and finds every key in Redis");
        }
      } finally {
        close();
        redis.close();
      }
    }

    private static void check(String row, boolean failed, String rule) {
      if (failed) {
        throw new IllegalStateException(row + " did not measure what its name says: " + rule);
      }
    }

    static RedisClient client(LocalRedis redis) {
      return RedisClient.create(redis.uri());
    }
  }

  /** {@link TwoLevelRedis}. */
  @State(Scope.Benchmark)
  public static class HandWritten extends Contender {
    TwoLevelRedis lookup;
    private RedisClient client;
    private StatefulRedisConnection<String, byte[]> connection;

    @Override
    void build() {
      client = client(redis);
      connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
      lookup = new TwoLevelRedis(connection.sync(), origin);
    }

    @Override
    Price lookup(String sku) {
      return lookup.price(sku);
    }

    @Override
    void close() {
      connection.close();
      client.shutdown();
    }
  }

  /** Spring's {@code RedisCacheManager}, writes acknowledged ({@code immediateWrites()}). */
  @State(Scope.Benchmark)
  public static class Spring extends Contender {
    SpringRedisContenders.SpringRedisPriceService service;
    private AnnotationConfigApplicationContext spring;

    boolean acknowledged() {
      return true;
    }

    @Override
    void build() {
      spring = SpringRedisContenders.start(redis.port(), acknowledged(), origin);
      service = spring.getBean(SpringRedisContenders.SpringRedisPriceService.class);
    }

    @Override
    Price lookup(String sku) {
      return service.price(sku);
    }

    @Override
    void close() {
      spring.close();
    }
  }

  /** Spring Data Redis 4's default: a put returns before Redis acknowledged it. */
  @State(Scope.Benchmark)
  public static class SpringUnacknowledged extends Spring {
    @Override
    boolean acknowledged() {
      return false;
    }
  }

  /** The generated proxy over {@code RedisTiers}, leases on (the default, 500 ms). */
  @State(Scope.Benchmark)
  public static class TieredLeases extends Contender {
    RedisPriceService service;
    private RedisClient client;
    private RedisTierFactory shared;
    private TieredRuntime runtime;

    Duration leases() {
      return RedisTiers.DEFAULT_LEASE_MAX_WAIT;
    }

    @Override
    void build() {
      client = client(redis);
      // A prefix per contender: the paired benchmark runs leases on and off on one server.
      shared = RedisTiers.builder(client).prefix(leases().isZero() ? "bench-plain" : "bench")
          .leases(leases()).build();
      runtime = TieredRuntime.builder().tier("shared", shared).build();
      service = new TieredRedisPriceService(new RedisOrigin(origin), runtime);
    }

    @Override
    Price lookup(String sku) {
      return service.price(sku);
    }

    @Override
    void close() throws Exception {
      runtime.close();
      shared.close();
      client.shutdown();
    }
  }

  /** The origin of Tiered's contender: the same function, one call per key in bulk. */
  private record RedisOrigin(Function<String, Price> origin) implements RedisPriceService {
    @Override
    public Price price(String sku) {
      return origin.apply(sku);
    }

    @Override
    public Map<String, Price> prices(Collection<String> skus) {
      Map<String, Price> prices = new HashMap<>();
      skus.forEach(sku -> prices.put(sku, origin.apply(sku)));
      return prices;
    }
  }

  /** As {@link TieredLeases}, leases off. */
  @State(Scope.Benchmark)
  public static class TieredNoLeases extends TieredLeases {
    @Override
    Duration leases() {
      return Duration.ZERO;
    }
  }
}
