package io.tiered.benchmarks;

import io.tiered.runtime.TieredRuntime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * Runs the short profile behind {@code benchmarks/run} and prints ratios measured side by side in
 * one run: every contender of a row ran in the same JVM session, one after the other.
 *
 * <p>Each benchmark runs in several fresh JVMs, and its figure is the median (with two, the mean)
 * of their means. On a small machine one JVM's mean depends on how the JIT happened to compile it
 * and where the heap happened to lay the keys out (a hit lands 7 or 10 ns, 13 or 16 ns, from fork
 * to fork, each fork steady within itself), so a single fork would make every ratio a draw; the
 * table shows the fastest and slowest fork next to it.
 */
public final class BenchmarkMain {
  private static final String ALLOCATION = "gc.alloc.rate.norm";
  /**
   * The hit rows' close contenders, Caffeine and Tiered: three JVMs each, so that the median
   * discards one fork the JIT or the heap favoured or hindered.
   */
  private static final Profile HITS = new Profile(3, 2, 2);
  /**
   * Spring, an order of magnitude away: one JVM, as its ratio needs no second to be read, and
   * leaving it out keeps the run under ten minutes.
   */
  private static final Profile SPRING = new Profile(1, 2, 2);
  /**
   * The refresh, fallback and bulk paths, ten times larger than a hit: five warm-up seconds, as
   * with two a fork still measured part of their compilation (fallback hits 1.4x instead of 1.2x).
   */
  private static final Profile LONG_PATHS = new Profile(2, 5, 3);
  private static final String CLOSE_CONTENDERS = "(Caffeine|Tiered)$";

  /** How one group of benchmarks is measured: JVMs, then 1 s warm-up and measured iterations. */
  private record Profile(int forks, int warmUps, int iterations) {
    @Override
    public String toString() {
      return String.format("%d JVM%s x (%d s warm-up + %d s measured)", forks,
          forks == 1 ? "" : "s", warmUps, iterations);
    }
  }

  private BenchmarkMain() {}

  public static void main(String[] args) throws Exception {
    System.out.printf("JDK %s on %d cores; hits %s, Spring %s, refresh, fallback and bulk %s;"
        + " ns/op is the median of the JVMs' means%n%n", Runtime.version(),
        Runtime.getRuntime().availableProcessors(), HITS, SPRING, LONG_PATHS);
    String oneKey = HitBenchmark.class.getSimpleName() + ".oneKey";
    String threeKeys = HitBenchmark.class.getSimpleName() + ".threeKeys";
    Map<String, RunResult> one = run(HITS, 1, Map.of(), oneKey + CLOSE_CONTENDERS);
    one.putAll(run(SPRING, 1, Map.of(), oneKey + "Spring"));
    Map<String, RunResult> two = run(HITS, 2, Map.of(), oneKey + CLOSE_CONTENDERS);
    two.putAll(run(SPRING, 2, Map.of(), oneKey + "Spring"));
    Map<String, String> usualSetting = Map.of("ttl", "10m", "metrics", "micrometer");
    Map<String, RunResult> usual = run(HITS, 1, usualSetting, threeKeys + CLOSE_CONTENDERS);
    usual.putAll(run(SPRING, 1, usualSetting, threeKeys + "Spring"));
    Map<String, RunResult> refresh =
        run(LONG_PATHS, 1, Map.of(), RefreshBenchmark.class.getSimpleName());
    Map<String, RunResult> bulk =
        run(LONG_PATHS, 1, Map.of(), BulkBenchmark.class.getSimpleName());

    System.out.println(hitTable(one, two));
    System.out.println(threeKeyTable(usual));
    System.out.println(refreshTable(refresh));
    System.out.println(bulkTable(bulk));
    System.out.println(stormTable());
  }

  private static Map<String, RunResult> run(Profile profile, int threads,
      Map<String, String> params, String... includes) throws Exception {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .forks(profile.forks())
        .warmupIterations(profile.warmUps())
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(profile.iterations())
        .measurementTime(TimeValue.seconds(1))
        .threads(threads)
        .addProfiler(GCProfiler.class)
        // No System.gc() between iterations: after a full collection every allocating contender
        // runs slow for about a second (fallback hits 1.3-2x, fork to fork), so with 1 s
        // iterations a forced one measures that transient, not the steady state a service sees.
        .shouldDoGC(false);
    params.forEach(options::param);
    for (String include : includes) {
      options.include(include);
    }
    Collection<RunResult> results = new Runner(options.build()).run();
    Map<String, RunResult> byName = new LinkedHashMap<>();
    for (RunResult result : results) {
      String label = result.getParams().getBenchmark();
      byName.put(key(label.substring(label.lastIndexOf('.') + 1),
          result.getParams().getParam("ttl"), result.getParams().getParam("metrics")), result);
    }
    return byName;
  }

  /** A benchmark's name with its setting, as in {@code oneKeyTiered ttl=10m metrics=off}. */
  private static String key(String benchmark, String ttl, String metrics) {
    return ttl == null ? benchmark : benchmark + " ttl=" + ttl + " metrics=" + metrics;
  }

  private static String hitTable(Map<String, RunResult> one, Map<String, RunResult> two) {
    StringBuilder table = new StringBuilder(String.format("%-40s %8s %10s %14s %12s %8s%n",
        "one-parameter hit", "threads", "ns/op", "forks", "x caffeine", "B/op"));
    for (String ttl : List.of("none", "10m")) {
      for (String metrics : List.of("off", "micrometer")) {
        for (Map<String, RunResult> results : List.of(one, two)) {
          appendRows(table, results, "oneKey", ttl, metrics);
        }
      }
    }
    return table.toString();
  }

  private static String threeKeyTable(Map<String, RunResult> usual) {
    StringBuilder table = new StringBuilder(String.format("%-40s %8s %10s %14s %12s %8s%n",
        "three-parameter hit", "threads", "ns/op", "forks", "x caffeine", "B/op"));
    appendRows(table, usual, "threeKeys", "10m", "micrometer");
    return table.toString();
  }

  private static void appendRows(StringBuilder table, Map<String, RunResult> results,
      String shape, String ttl, String metrics) {
    double baseline = score(results, key(shape + "Caffeine", ttl, metrics));
    for (String contender : List.of("Caffeine", "Tiered", "Spring")) {
      String name = key(shape + contender, ttl, metrics);
      RunResult result = results.get(name);
      table.append(String.format("%-40s %8d %10.1f %14s %12.2f %8.1f%n",
          contender.toLowerCase() + " ttl=" + ttl + " metrics=" + metrics,
          result.getParams().getThreads(), score(results, name), spread(result),
          score(results, name) / baseline, allocation(result)));
    }
  }

  private static String refreshTable(Map<String, RunResult> results) {
    StringBuilder table = new StringBuilder(String.format("%-32s %10s %14s %12s %8s%n",
        "refresh and fallback", "ns/op", "forks", "x baseline", "B/op"));
    double fresh = score(results, "freshHit");
    double handWritten = score(results, "fallbackHitHandWritten");
    for (String name : List.of("freshHit", "staleHit", "fallbackHitHandWritten",
        "fallbackHitHandWrittenCallerRuns", "fallbackHitPromoted",
        "fallbackHitPromotedTimeBounded")) {
      double baseline = name.startsWith("fallback") ? handWritten : fresh;
      table.append(String.format("%-32s %10.1f %14s %12.2f %8.1f%n", name, score(results, name),
          spread(results.get(name)), score(results, name) / baseline, allocation(results.get(name))));
    }
    return table.toString();
  }

  /** Origin calls per request are checked by the benchmark's teardown, which fails otherwise. */
  private static String bulkTable(Map<String, RunResult> bulk) {
    StringBuilder table = new StringBuilder(String.format("%-44s %10s %16s %12s %10s %8s%n",
        "bulk read: 100 keys, 10 missing", "us/op", "forks", "x getAll", "origin/op", "B/op"));
    double getAll = score(bulk, "caffeineGetAll");
    Map<String, String> contenders = new LinkedHashMap<>();
    contenders.put("caffeineGetAll", "caffeine getAll, bulk loader by hand");
    contenders.put("tieredBulk", "tiered @Bulk");
    contenders.put("tieredLoop", "tiered, a loop of single-key calls");
    contenders.forEach((name, label) -> table.append(String.format(
        "%-44s %10.1f %16s %12.2f %10d %8.0f%n", label, score(bulk, name), spread(bulk.get(name)),
        score(bulk, name) / getAll, name.equals("tieredLoop") ? 10 : 1, allocation(bulk.get(name)))));
    return table.toString();
  }

  private static String stormTable() throws Exception {
    List<MissStorm.Result> results = new ArrayList<>();
    try (TieredRuntime runtime = TieredRuntime.builder().build();
        AnnotationConfigApplicationContext spring = SpringContenders.start()) {
      results.add(MissStorm.run("tiered", new TieredSlowService(new SlowOrigin(), runtime), 3));
      results.add(MissStorm.run("spring @Cacheable(sync)",
          spring.getBean("springSyncSlowService", SlowService.class), 3));
      results.add(MissStorm.run("spring @Cacheable",
          spring.getBean("springUnsyncedSlowService", SlowService.class), 3));
    }
    return MissStorm.describe(results.toArray(MissStorm.Result[]::new));
  }

  /** The median of the forks' means. */
  private static double score(Map<String, RunResult> results, String name) {
    double[] means = forkMeans(results.get(name));
    int middle = means.length / 2;
    return means.length % 2 == 1 ? means[middle] : (means[middle - 1] + means[middle]) / 2;
  }

  /** The fastest and the slowest fork's mean. */
  private static String spread(RunResult result) {
    double[] means = forkMeans(result);
    return String.format("%.1f-%.1f", means[0], means[means.length - 1]);
  }

  private static double[] forkMeans(RunResult result) {
    return result.getBenchmarkResults().stream()
        .mapToDouble(fork -> fork.getPrimaryResult().getScore())
        .sorted()
        .toArray();
  }

  private static double allocation(RunResult result) {
    Result<?> allocation = result.getSecondaryResults().get(ALLOCATION);
    return allocation == null ? Double.NaN : allocation.getScore();
  }
}
