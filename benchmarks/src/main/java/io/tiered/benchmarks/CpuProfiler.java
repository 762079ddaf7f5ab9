package io.tiered.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time and context switches per operation, of the benchmark's JVM and of the
 * {@code redis-server} it started ({@link LocalRedis#current()}), read from Linux's
 * {@code /proc} around each iteration.
 *
 * <p>On these shared two-core machines a Redis round trip's wall time depends on where the
 * scheduler put the caller, Netty's event loop and Redis (the same code measured 75 and 145 µs a
 * hit in two JVMs of one run), while the CPU a contender spends per call moves little: it is the
 * figure that says what a contender's code costs the machine. Nothing is reported off Linux.
 */
public final class CpuProfiler implements InternalProfiler {
  static final String JVM_CPU = "cpu.jvm.us/op";
  static final String REDIS_CPU = "cpu.redis.us/op";
  static final String JVM_SWITCHES = "switches.jvm/op";
  /** USER_HZ: the unit of {@code /proc/<pid>/stat}'s times, 100 on every Linux x86 build. */
  private static final double MICROS_PER_TICK = 10_000;

  /** What {@link #tearingDown()} read; the profiler runs in the benchmark's JVM. */
  private static volatile Usage @Nullable [] atTearDown;

  private Usage jvmBefore = Usage.NONE;
  private Usage redisBefore = Usage.NONE;

  @Override
  public String getDescription() {
    return "CPU time and context switches per operation, of the JVM and of its redis-server";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
    Usage[] now = usageNow();
    jvmBefore = now[0];
    redisBefore = now[1];
  }

  /**
   * Up to {@link #tearingDown()} when the iteration held the tear-down: the server stopped and
   * the connections closed inside it, which a process's CPU would count and its ended threads'
   * switches no longer do. Nothing off Linux.
   */
  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmark,
      IterationParams iteration, IterationResult result) {
    Usage[] before = {jvmBefore, redisBefore};
    Usage[] now = atTearDown != null ? atTearDown : usageNow();
    atTearDown = null;
    long ops = result.getMetadata().getAllOps();
    if (ops <= 0 || before[0] == Usage.NONE || now[0] == Usage.NONE) {
      return List.of();
    }
    List<Result> results = new ArrayList<>();
    results.add(perOp(JVM_CPU, (now[0].ticks() - before[0].ticks()) * MICROS_PER_TICK, ops,
        "us/op"));
    results.add(perOp(JVM_SWITCHES, now[0].switches() - before[0].switches(), ops, "#/op"));
    if (before[1] != Usage.NONE && now[1] != Usage.NONE) {
      results.add(perOp(REDIS_CPU, (now[1].ticks() - before[1].ticks()) * MICROS_PER_TICK, ops,
          "us/op"));
    }
    return results;
  }

  /**
   * Called by a benchmark's tear-down before it stops anything: the last iteration is measured
   * up to here.
   */
  static void tearingDown() {
    atTearDown = usageNow();
  }

  /** This JVM's usage and its server's, if it runs one. */
  private static Usage[] usageNow() {
    LocalRedis redis = LocalRedis.current();
    return new Usage[] {Usage.of(ProcessHandle.current().pid()),
        redis == null ? Usage.NONE : Usage.of(redis.pid())};
  }

  private static ScalarResult perOp(String label, double total, long ops, String unit) {
    return new ScalarResult(label, total / ops, unit, AggregationPolicy.AVG);
  }

  /** A process's CPU time (user and system) in ticks, and its threads' context switches. */
  private record Usage(long ticks, long switches) {
    static final Usage NONE = new Usage(-1, -1);

    static Usage of(long pid) {
      Path process = Path.of("/proc", Long.toString(pid));
      try {
        String stat = Files.readString(process.resolve("stat"));
        // Fields after the command name, which is in parentheses and may hold spaces: the 12th
        // and 13th of them are utime and stime.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return new Usage(ticks, switches(process));
      } catch (IOException | RuntimeException notLinux) {
        return NONE;
      }
    }

    /** Voluntary and involuntary context switches, summed over the live threads. */
    private static long switches(Path process) throws IOException {
      long total = 0;
      try (Stream<Path> threads = Files.list(process.resolve("task"))) {
        for (Path thread : (Iterable<Path>) threads::iterator) {
          try {
            for (String line : Files.readAllLines(thread.resolve("status"))) {
              if (line.startsWith("voluntary_ctxt_switches:")
                  || line.startsWith("nonvoluntary_ctxt_switches:")) {
                total += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
              }
            }
          } catch (IOException ended) {
            // the thread ended between the listing and the read
          }
        }
      }
      return total;
    }
  }
}
