package io.tiered.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the contenders of a comparison in turns: one JVM of each, then the next round in the other
 * order, so that every contender's JVMs sample the same stretch of the machine's time.
 *
 * <p>On these shared two-core machines a process's speed drifts for seconds at a time (a ttl hit
 * 36 ns in one second and 50 the next, the same compiled code, no collection in between; the
 * hand-written lookup moves alike). JMH runs all JVMs of one benchmark before the next, so a
 * contender measured in a slow minute lost its row against one measured in a quiet minute. In
 * turns, each row's contenders see the same drift, and the figure is the median of all their
 * measured seconds.
 */
final class Interleaved {
  private static final String ALLOCATION = "gc.alloc.rate.norm";
  /**
   * Every JVM's heap: fixed and touched before the benchmark starts, the same for every
   * contender. With a default heap an allocating contender pays a page fault for each fresh heap
   * page in its first seconds (about 500 MB/s on these machines), which measured Spring's 672 B
   * per hit several times slower than it runs in a warmed-up service. 512 MB: touching it costs
   * each JVM about a second at start (a gigabyte, 2.5 s, would add three minutes to the run), and
   * the largest heap a benchmark keeps is some tens of megabytes (--memory, in the runner: 300).
   */
  static final List<String> HEAP = List.of("-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch");

  /** How one group of benchmarks is measured: JVMs, then 1 s warm-up and measured iterations. */
  record Profile(int forks, int warmUps, int iterations) {
    @Override
    public String toString() {
      return String.format("%d JVM%s x (%d s warm-up + %d s measured)", forks,
          forks == 1 ? "" : "s", warmUps, iterations);
    }
  }

  /** Every measured second of one benchmark in one setting, over all of its JVMs. */
  record Measurement(int threads, List<Double> seconds, List<Double> forkMeans,
      List<Double> forkBytesPerOp, List<Double> forkP99s, Map<String, List<Double>> forkExtras) {
    private static final Measurement NONE =
        new Measurement(0, List.of(), List.of(), List.of(), List.of(), Map.of());

    /** The median second. */
    double score() {
      List<Double> sorted = seconds.stream().sorted().toList();
      int middle = sorted.size() / 2;
      return sorted.size() % 2 == 1
          ? sorted.get(middle)
          : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** The fastest and the slowest JVM's mean. */
    String spread() {
      List<Double> sorted = forkMeans.stream().sorted().toList();
      return String.format("%.1f-%.1f", sorted.getFirst(), sorted.getLast());
    }

    /** Bytes allocated per operation, the mean of the JVMs'. */
    double bytesPerOp() {
      return forkBytesPerOp.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** The 99th percentile of a sampled benchmark, the median of its JVMs'; NaN otherwise. */
    double p99() {
      List<Double> sorted = forkP99s.stream().sorted().toList();
      return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
    }

    /**
     * A secondary result a profiler added ({@link CpuProfiler}'s), the median of the JVMs'; NaN
     * when none reported it.
     */
    double extra(String label) {
      List<Double> sorted = forkExtras.getOrDefault(label, List.of()).stream().sorted().toList();
      return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
    }

    /**
     * {@code label}'s secondary result summed over the JVMs, divided by {@code per}'s: a paired
     * benchmark's time of one contender over all its turns, or over another contender's time.
     * NaN when none reported them.
     */
    double extraRatio(String label, String per) {
      double total = forkExtras.getOrDefault(label, List.of()).stream()
          .mapToDouble(Double::doubleValue).sum();
      double divisor = forkExtras.getOrDefault(per, List.of()).stream()
          .mapToDouble(Double::doubleValue).sum();
      return divisor == 0 ? Double.NaN : total / divisor;
    }

    /** The lowest and the highest of the JVMs' own ratios of {@code label} to {@code per}. */
    String extraRatioSpread(String label, String per) {
      List<Double> values = forkExtras.getOrDefault(label, List.of());
      List<Double> divisors = forkExtras.getOrDefault(per, List.of());
      double low = Double.MAX_VALUE;
      double high = -Double.MAX_VALUE;
      for (int i = 0; i < Math.min(values.size(), divisors.size()); i++) {
        double ratio = values.get(i) / divisors.get(i);
        low = Math.min(low, ratio);
        high = Math.max(high, ratio);
      }
      return String.format("%.2f-%.2f", low, high);
    }

    /** This measurement with one more JVM's. */
    private Measurement with(RunResult run) {
      List<Double> moreSeconds = new ArrayList<>(seconds);
      List<Double> moreMeans = new ArrayList<>(forkMeans);
      List<Double> moreP99s = new ArrayList<>(forkP99s);
      for (BenchmarkResult fork : run.getBenchmarkResults()) {
        moreMeans.add(fork.getPrimaryResult().getScore());
        if (run.getParams().getMode() == Mode.SampleTime) {
          moreP99s.add(fork.getPrimaryResult().getStatistics().getPercentile(99));
        }
        for (IterationResult second : fork.getIterationResults()) {
          moreSeconds.add(second.getPrimaryResult().getScore());
        }
      }
      List<Double> moreBytes = new ArrayList<>(forkBytesPerOp);
      Result<?> allocation = run.getSecondaryResults().get(ALLOCATION);
      if (allocation != null) {
        moreBytes.add(allocation.getScore());
      }
      Map<String, List<Double>> moreExtras = new LinkedHashMap<>(forkExtras);
      run.getSecondaryResults().forEach((label, result) -> {
        if (!label.startsWith("gc.")) {
          List<Double> forks = new ArrayList<>(moreExtras.getOrDefault(label, List.of()));
          forks.add(result.getScore());
          moreExtras.put(label, List.copyOf(forks));
        }
      });
      return new Measurement(run.getParams().getThreads(), List.copyOf(moreSeconds),
          List.copyOf(moreMeans), List.copyOf(moreBytes), List.copyOf(moreP99s),
          Map.copyOf(moreExtras));
    }
  }

  private Interleaved() {}

  /**
   * Measures each of {@code benchmarks} (methods of {@code type}) in each of {@code settings},
   * {@code profile.forks()} rounds of one JVM each, the contenders' order reversed every round.
   * Results are keyed by {@link #key}.
   */
  static Map<String, Measurement> run(Profile profile, int threads,
      List<Map<String, String>> settings, Class<?> type, String... benchmarks)
      throws RunnerException {
    return run(profile, Mode.AverageTime, threads, settings, type, benchmarks);
  }

  /** As {@link #run(Profile, int, List, Class, String...)}, in {@code mode}. */
  static Map<String, Measurement> run(Profile profile, Mode mode, int threads,
      List<Map<String, String>> settings, Class<?> type, String... benchmarks)
      throws RunnerException {
    Map<String, Measurement> measured = new LinkedHashMap<>();
    for (int round = 0; round < profile.forks(); round++) {
      for (Map<String, String> setting : settings) {
        List<String> order = new ArrayList<>(List.of(benchmarks));
        if (round % 2 == 1) {
          order = order.reversed();
        }
        for (String benchmark : order) {
          RunResult run = runOnce(profile, mode, threads, setting, type, benchmark);
          String key = key(benchmark, setting);
          measured.put(key, measured.getOrDefault(key, Measurement.NONE).with(run));
        }
      }
    }
    return measured;
  }

  /** A benchmark's name with its setting, as in {@code oneKeyTiered ttl=10m metrics=off}. */
  static String key(String benchmark, Map<String, String> setting) {
    StringBuilder key = new StringBuilder(benchmark);
    setting.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(entry -> key.append(' ').append(entry.getKey()).append('=')
            .append(entry.getValue()));
    return key.toString();
  }

  private static RunResult runOnce(Profile profile, Mode mode, int threads,
      Map<String, String> setting, Class<?> type, String benchmark) throws RunnerException {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(Pattern.quote(type.getName() + "." + benchmark) + "$")
        .forks(1)
        .mode(mode)
        .warmupIterations(profile.warmUps())
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(profile.iterations())
        .measurementTime(TimeValue.seconds(1))
        .threads(threads)
        .jvmArgsAppend(HEAP.toArray(String[]::new))
        .addProfiler(GCProfiler.class)
        .addProfiler(CpuProfiler.class)
        // No System.gc() between iterations: after a full collection every allocating contender
        // runs slow for about a second (fallback hits 1.3-2x, fork to fork), so with 1 s
        // iterations a forced one measures that transient, not the steady state a service sees.
        .shouldDoGC(false);
    setting.forEach(options::param);
    return new Runner(options.build()).runSingle();
  }
}
