package io.tiered.benchmarks;

import io.tiered.benchmarks.Interleaved.Measurement;
import io.tiered.benchmarks.Interleaved.Profile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Mode;

/**
 * {@code benchmarks/run --redis}: the rows of {@link RedisBenchmark}, contenders in turns as in
 * {@link BenchmarkMain}, each JVM with its own {@code redis-server}. Latencies are JMH's sample
 * mode (mean and p99 of every call sampled); the virtual-thread rows are throughput.
 */
final class RedisMain {
  /**
   * A Redis round trip is 10-30 µs here: two rounds of 8 s warm-up and 3 s measured. The L2 path
   * runs far more code than an L1 hit (the engine, the tier, Lettuce, Netty, Jackson), which C2
   * is still compiling on these two cores for 6-8 s: 64 callers measured second by second from
   * the start ran 87, 47, 23, 19, 15 µs per lookup by hand and 104, 72, 39, 25, 18 with Tiered,
   * then both steady (13-14, 15-16). With 3 s of warm-up the rows compared JIT progress, not the
   * steady state a service runs in.
   */
  private static final Profile REDIS = BenchmarkMain.smokeOr(new Profile(2, 8, 3));
  /**
   * The paired rows: every JVM runs all four contenders, so more JVMs (each one's scheduling luck
   * shared by the four) and longer measurement, for the ratio is the figure.
   */
  private static final Profile PAIRED = BenchmarkMain.smokeOr(new Profile(3, 8, 5));
  private static final String HEADER = "%-46s %10s %10s %16s %12s %9s %9s %9s %9s%n";
  private static final String ROW = "%-46s %10.1f %10.1f %16s %12.2f %9.0f%s%n";
  private static final String CALLERS_HEADER = "%-46s %10s %16s %12s %9s %9s %9s %9s%n";
  private static final String CALLERS_ROW = "%-46s %10.1f %16s %12.2f %9.0f%s%n";

  private RedisMain() {}

  static void run() throws Exception {
    System.out.printf("JDK %s on %d cores; %s per contender, in turns; every JVM's heap %s;"
        + " a redis-server per JVM on loopback%n%n", Runtime.version(),
        Runtime.getRuntime().availableProcessors(), REDIS, Interleaved.HEAP);
    Map<String, Measurement> hits = Interleaved.run(REDIS, Mode.SampleTime, 1,
        List.of(Map.of()), RedisBenchmark.class, "l2HitHandWritten", "l2HitTiered",
        "l2HitTieredNoLeases", "l2HitSpring");
    Map<String, Measurement> fills = Interleaved.run(REDIS, Mode.SampleTime, 1,
        List.of(Map.of()), RedisBenchmark.class, "fillHandWritten", "fillTieredLeases",
        "fillTieredNoLeases", "fillSpring", "fillSpringUnacknowledged");
    Map<String, Measurement> bulk = Interleaved.run(REDIS, Mode.SampleTime, 1,
        List.of(Map.of()), RedisBenchmark.class, "bulkHandWritten", "bulkTiered",
        "bulkTieredNoLeases");
    Map<String, Measurement> callers = Interleaved.run(REDIS, Mode.AverageTime, 1,
        List.of(Map.of("callers", "16"), Map.of("callers", "64")), RedisBenchmark.class,
        "callersHandWritten", "callersTiered", "callersTieredNoLeases", "callersSpring");

    Map<String, Measurement> paired = Interleaved.run(PAIRED, Mode.AverageTime, 1,
        List.of(Map.of()), PairedRedisBenchmark.class, "l2Hit", "fill");
    Map<String, Measurement> pairedCallers = Interleaved.run(PAIRED, Mode.AverageTime, 1,
        List.of(Map.of("callers", "16"), Map.of("callers", "64")), PairedRedisBenchmark.class,
        "callers");

    Map<String, String> hitRows = new LinkedHashMap<>();
    hitRows.put("l2HitHandWritten", "hand-written Caffeine + Lettuce + codec");
    hitRows.put("l2HitTiered", "tiered, leases on (SET NX PX GET)");
    hitRows.put("l2HitTieredNoLeases", "tiered, leases off (GET)");
    hitRows.put("l2HitSpring", "spring RedisCacheManager (no L1)");
    System.out.println(latencyTable("L2 hit: L1 16 of 1,024 keys, 1 thread", hits, hitRows));

    Map<String, String> fillRows = new LinkedHashMap<>();
    fillRows.put("fillHandWritten", "hand-written (SET acknowledged)");
    fillRows.put("fillTieredLeases", "tiered, leases on");
    fillRows.put("fillTieredNoLeases", "tiered, leases off");
    fillRows.put("fillSpring", "spring, immediateWrites (acknowledged)");
    fillRows.put("fillSpringUnacknowledged", "spring default: put not acknowledged");
    System.out.println(latencyTable("miss -> origin -> Redis fill, 1 thread", fills, fillRows));

    Map<String, String> bulkRows = new LinkedHashMap<>();
    bulkRows.put("bulkHandWritten", "hand-written: L1, one MGET");
    bulkRows.put("bulkTiered", "tiered @Bulk, leases on");
    bulkRows.put("bulkTieredNoLeases", "tiered @Bulk, leases off");
    System.out.println(latencyTable("bulk read: 100 keys in Redis", bulk, bulkRows));

    System.out.println(callersTable(callers));

    System.out.printf("Paired: the four contenders in each JVM on one redis-server, called in"
        + " turns call by call (%s)%n", PAIRED);
    System.out.println(pairedTable("L2 hit, 1 thread", paired.get("l2Hit"), 1));
    System.out.println(pairedTable("miss -> origin -> Redis fill, 1 thread", paired.get("fill"),
        1));
    for (String count : List.of("16", "64")) {
      System.out.println(pairedTable("L2 hits, " + count + " virtual-thread callers",
          pairedCallers.get(Interleaved.key("callers", Map.of("callers", count))),
          RedisBenchmark.BATCH));
    }
  }

  /**
   * A paired row per contender: µs per call and the ratio of its time to the hand-written
   * lookup's, both summed over every JVM's turns, and the lowest and highest JVM's ratio.
   */
  private static String pairedTable(String title, Measurement result, int callsPerTurn) {
    StringBuilder table = new StringBuilder(String.format("%-46s %10s %12s %16s%n", title,
        "us/call", "x by hand", "JVMs (x)"));
    String baseline = PairedRedisBenchmark.CONTENDERS.getFirst();
    for (String contender : PairedRedisBenchmark.CONTENDERS) {
      table.append(String.format("%-46s %10.1f %12.3f %16s%n", contender,
          result.extraRatio(contender, PairedRedisBenchmark.TURNS) / 1_000 / callsPerTurn,
          result.extraRatio(contender, baseline), result.extraRatioSpread(contender, baseline)));
    }
    return table.toString();
  }

  /** Mean and p99 in µs, the first row the baseline. */
  private static String latencyTable(String title, Map<String, Measurement> results,
      Map<String, String> rows) {
    StringBuilder table = new StringBuilder(String.format(HEADER, title, "us/op", "p99 us",
        "JVMs (mean)", "x by hand", "B/op", "JVM cpu", "Redis cpu", "switches"));
    double baseline = results.get(rows.keySet().iterator().next()).score();
    rows.forEach((name, label) -> {
      Measurement result = results.get(name);
      table.append(String.format(ROW, label, result.score(), result.p99(), result.spread(),
          result.score() / baseline, result.bytesPerOp(), cpu(result)));
    });
    return table.toString();
  }

  /** L2 hits per millisecond over all callers, the hand-written lookup the baseline. */
  private static String callersTable(Map<String, Measurement> results) {
    StringBuilder table = new StringBuilder(String.format(CALLERS_HEADER,
        "L2 hits, virtual-thread callers", "ops/ms", "JVMs (us/op)", "x by hand", "B/op",
        "JVM cpu", "Redis cpu", "switches"));
    for (String callers : List.of("16", "64")) {
      Map<String, String> setting = Map.of("callers", callers);
      double baseline = opsPerMilli(results.get(Interleaved.key("callersHandWritten", setting)));
      Map<String, String> rows = new LinkedHashMap<>();
      rows.put("HandWritten", "hand-written");
      rows.put("Tiered", "tiered, leases on");
      rows.put("TieredNoLeases", "tiered, leases off");
      rows.put("Spring", "spring");
      rows.forEach((contender, label) -> {
        Measurement result = results.get(Interleaved.key("callers" + contender, setting));
        table.append(String.format(CALLERS_ROW, label + ", " + callers + " callers",
            opsPerMilli(result), result.spread(), opsPerMilli(result) / baseline,
            result.bytesPerOp(), cpu(result)));
      });
    }
    return table.toString();
  }

  /**
   * The CPU columns: µs of the JVM's and of its redis-server's CPU per operation, and the JVM's
   * context switches per operation ({@link CpuProfiler}), each the median of the JVMs'.
   */
  private static String cpu(Measurement result) {
    return String.format(" %9.1f %9.1f %9.1f", result.extra(CpuProfiler.JVM_CPU),
        result.extra(CpuProfiler.REDIS_CPU), result.extra(CpuProfiler.JVM_SWITCHES));
  }

  /** Each measured second's µs per lookup, as lookups per millisecond. */
  private static double opsPerMilli(Measurement result) {
    return 1_000 / result.score();
  }
}
