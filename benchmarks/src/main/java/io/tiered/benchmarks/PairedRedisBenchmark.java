package io.tiered.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The rows of {@link RedisBenchmark}, paired: the four contenders in one JVM on one
 * {@code redis-server}, each with its own connection and keys, called in turns call by call (a
 * batch of callers by batch in {@link #callers}), the first of each turn rotating. Each
 * contender's time is summed apart ({@link Times}); their ratio is the figure.
 *
 * <p>On these shared two-core machines a Redis round trip's wall time moves by tens of percent
 * from second to second and from JVM to JVM with where the scheduler puts the threads; contenders
 * measured in separate JVMs, even in turns, compare that luck as much as their code. Paired call
 * by call, every contender meets the same machine within microseconds of the others, so what
 * differs between their sums is what their code does. What pairing cannot give (bytes allocated
 * per call, CPU per call, p99) the separate rows still measure.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PairedRedisBenchmark {
  /**
   * The contenders, in the order the tables list them, the hand-written one first: the names of
   * their time counters in {@link Times}, as JMH reports them.
   */
  static final List<String> CONTENDERS =
      List.of("handWritten", "tieredLeases", "tieredNoLeases", "spring");
  /** The name of the turns counter in {@link Times}, as JMH reports it. */
  static final String TURNS = "turns";

  @Benchmark
  public void l2Hit(Contenders contenders, Cursor cursor, Times times) {
    String sku = Keys.SKUS[cursor.next()];
    times.turn(contenders, contender -> contender.calls(contender.lookup(sku)));
  }

  @Benchmark
  public void fill(Contenders contenders, RedisBenchmark.Fresh fresh, Times times) {
    String sku = fresh.next(); // new to every contender: each has keys of its own
    times.turn(contenders, contender -> contender.calls(contender.lookup(sku)));
  }

  @Benchmark
  @OperationsPerInvocation(RedisBenchmark.BATCH)
  public void callers(Contenders contenders, RedisBenchmark.Callers callers, Times times) {
    times.turn(contenders, contender -> {
      try {
        callers.run(contender::lookup);
      } catch (InterruptedException interrupted) {
        throw new IllegalStateException(interrupted);
      }
      contender.calls += RedisBenchmark.BATCH;
      return null;
    });
  }

  /** The four contenders of {@link RedisBenchmark} on one server. */
  @State(Scope.Benchmark)
  public static class Contenders {
    final RedisBenchmark.Contender[] all = {new RedisBenchmark.HandWritten(),
        new RedisBenchmark.TieredLeases(), new RedisBenchmark.TieredNoLeases(),
        new RedisBenchmark.Spring()};
    private LocalRedis redis;

    @Setup(Level.Trial)
    public void start() throws Exception {
      redis = LocalRedis.start();
      for (RedisBenchmark.Contender contender : all) {
        contender.startOn(redis);
      }
    }

    /**
     * Fails a row that did not measure what its name says: an L2 hit that called the origin, a
     * fill that did not call it once per call. (Redis's own counters mix the contenders here;
     * the separate rows check them.)
     */
    @TearDown(Level.Trial)
    public void stop(BenchmarkParams params) throws Exception {
      CpuProfiler.tearingDown();
      try {
        String row = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        for (int i = 0; i < all.length; i++) {
          RedisBenchmark.Contender contender = all[i];
          double origins = contender.calls == 0
              ? 0 : (double) contender.originCalls.sum() / contender.calls;
          if (row.equals("fill") ? origins != 1 : origins > 0) {
            throw new IllegalStateException(row + " did not measure what its name says: "
                + CONTENDERS.get(i) + " called the origin " + origins + " times a call");
          }
        }
      } finally {
        for (RedisBenchmark.Contender contender : all) {
          contender.close();
        }
        redis.close();
      }
    }
  }

  /** Each contender's summed time in one iteration, in nanoseconds, and the turns taken. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Times {
    public long handWritten;
    public long tieredLeases;
    public long tieredNoLeases;
    public long spring;
    public long turns;
    private final long[] nanos = new long[CONTENDERS.size()];

    @Setup(Level.Iteration)
    public void reset() {
      Arrays.fill(nanos, 0);
      publish();
      turns = 0;
    }

    /** Calls each contender once, the first rotating from turn to turn, and times each call. */
    void turn(Contenders contenders, Function<RedisBenchmark.Contender, ?> call) {
      int first = (int) (turns % nanos.length);
      for (int k = 0; k < nanos.length; k++) {
        int i = (first + k) % nanos.length;
        long start = System.nanoTime();
        call.apply(contenders.all[i]);
        nanos[i] += System.nanoTime() - start;
      }
      turns++;
      publish();
    }

    private void publish() {
      handWritten = nanos[0];
      tieredLeases = nanos[1];
      tieredNoLeases = nanos[2];
      spring = nanos[3];
    }
  }
}
