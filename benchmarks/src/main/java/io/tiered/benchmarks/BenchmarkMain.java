package io.tiered.benchmarks;

import io.tiered.benchmarks.Interleaved.Measurement;
import io.tiered.benchmarks.Interleaved.Profile;
import io.tiered.runtime.TieredRuntime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * Runs the short profile behind {@code benchmarks/run} and prints ratios measured side by side in
 * one run: the contenders of a row ran in turns, one JVM of each per round ({@link Interleaved}).
 *
 * <p>A figure is the median of every second measured in all of a benchmark's JVMs. On a small
 * shared machine one JVM's speed drifts for seconds at a time (a ttl hit 36 or 50 ns, the
 * hand-written lookup alike), so one JVM, or contenders measured minutes apart, would make every
 * ratio a draw; the table shows the fastest and slowest JVM's mean next to it.
 */
public final class BenchmarkMain {
  /**
   * The hit rows' close contenders, Caffeine and Tiered: three rounds, so that the median
   * discards the seconds the machine slowed.
   */
  private static final Profile HITS = smokeOr(new Profile(3, 2, 2));
  /**
   * Spring, an order of magnitude away: one JVM, as its ratio needs no second to be read, and
   * leaving it out keeps the run under ten minutes.
   */
  private static final Profile SPRING = smokeOr(new Profile(1, 2, 2));
  /**
   * The refresh, fallback and bulk paths, ten times larger than a hit: five warm-up seconds, as
   * with two a fork still measured part of their compilation (fallback hits 1.4x instead of 1.2x).
   */
  private static final Profile LONG_PATHS = smokeOr(new Profile(2, 5, 3));
  private static final List<Map<String, String>> HIT_SETTINGS = List.of(
      setting("none", "off"), setting("none", "micrometer"),
      setting("10m", "off"), setting("10m", "micrometer"));
  private static final Map<String, String> USUAL_SETTING = setting("10m", "micrometer");
  private static final Map<String, String> TRACED_SETTING = setting("10m", "traced");

  private BenchmarkMain() {}

  /**
   * {@code profile}, or with {@code -Dtiered.smoke=true} one JVM of 1 s warm-up and 1 s measured,
   * which only proves that every row runs.
   */
  static Profile smokeOr(Profile profile) {
    return Boolean.getBoolean("tiered.smoke") ? new Profile(1, 1, 1) : profile;
  }

  public static void main(String[] args) throws Exception {
    if (List.of(args).contains("--redis")) {
      RedisMain.run();
      return;
    }
    if (List.of(args).contains("--memory")) {
      MemoryPerEntry.run();
      return;
    }
    if (List.of(args).contains("--ticker")) {
      TickerCost.run();
      return;
    }
    System.out.printf("JDK %s on %d cores; hits %s, Spring %s, refresh, fallback and bulk %s;"
        + " ns/op is the median of all measured seconds; every JVM's heap %s%n%n",
        Runtime.version(), Runtime.getRuntime().availableProcessors(), HITS, SPRING, LONG_PATHS,
        Interleaved.HEAP);
    Map<String, Measurement> one = hits(1, HIT_SETTINGS, "oneKey");
    Map<String, Measurement> two = hits(2, HIT_SETTINGS, "oneKey");
    Map<String, Measurement> usual = hits(1, List.of(USUAL_SETTING), "threeKeys");
    Map<String, Measurement> traced = hits(1, List.of(TRACED_SETTING), "oneKey");
    Map<String, Measurement> tagged = Interleaved.run(HITS, 1, List.of(USUAL_SETTING),
        HitBenchmark.class, "oneKeyTiered", "oneKeyTagged");
    Map<String, Measurement> mono = new LinkedHashMap<>(Interleaved.run(HITS, 1,
        List.of(USUAL_SETTING), MonoHitBenchmark.class, "monoCaffeine", "monoTiered"));
    mono.putAll(Interleaved.run(SPRING, 1, List.of(USUAL_SETTING), MonoHitBenchmark.class,
        "monoSpring"));
    Map<String, Measurement> refresh = Interleaved.run(LONG_PATHS, 1, List.of(Map.of()),
        RefreshBenchmark.class, "freshHit", "staleHit", "fallbackHitHandWritten",
        "fallbackHitHandWrittenCallerRuns", "fallbackHitPromoted",
        "fallbackHitPromotedTimeBounded");
    Map<String, Measurement> bulk = Interleaved.run(LONG_PATHS, 1, List.of(Map.of()),
        BulkBenchmark.class, "caffeineGetAll", "tieredBulk", "tieredLoop");

    System.out.println(hitTable(one, two));
    System.out.println(threeKeyTable(usual));
    System.out.println(table("hit, TieredObservations bound", traced, "oneKey", TRACED_SETTING));
    System.out.println(table("Mono hit, block()", mono, "mono", USUAL_SETTING));
    System.out.println(taggedTable(tagged));
    System.out.println(refreshTable(refresh));
    System.out.println(bulkTable(bulk));
    System.out.println(stormTable());
  }

  private static Map<String, String> setting(String ttl, String metrics) {
    return Map.of("ttl", ttl, "metrics", metrics);
  }

  /** Caffeine and Tiered in turns, then Spring in one JVM per setting. */
  private static Map<String, Measurement> hits(int threads, List<Map<String, String>> settings,
      String shape) throws Exception {
    Map<String, Measurement> measured = new LinkedHashMap<>(Interleaved.run(HITS, threads,
        settings, HitBenchmark.class, shape + "Caffeine", shape + "Tiered"));
    measured.putAll(
        Interleaved.run(SPRING, threads, settings, HitBenchmark.class, shape + "Spring"));
    return measured;
  }

  private static String hitTable(Map<String, Measurement> one, Map<String, Measurement> two) {
    StringBuilder table = new StringBuilder(String.format("%-40s %8s %10s %14s %12s %10s %8s%n",
        "one-parameter hit", "threads", "ns/op", "JVMs", "x caffeine", "x tiered", "B/op"));
    for (Map<String, String> setting : HIT_SETTINGS) {
      for (Map<String, Measurement> results : List.of(one, two)) {
        appendRows(table, results, "oneKey", setting);
      }
    }
    return table.toString();
  }

  /** Tiered's hit with two tags against its untagged hit, measured in turns. */
  private static String taggedTable(Map<String, Measurement> tagged) {
    StringBuilder table = new StringBuilder(String.format("%-40s %8s %10s %14s %10s %8s%n",
        "tagged hit (2 tags)", "threads", "ns/op", "JVMs", "x tiered", "B/op"));
    double untagged = tagged.get(Interleaved.key("oneKeyTiered", USUAL_SETTING)).score();
    for (String contender : List.of("Tiered", "Tagged")) {
      Measurement result = tagged.get(Interleaved.key("oneKey" + contender, USUAL_SETTING));
      table.append(String.format("%-40s %8d %10.1f %14s %10.2f %8.1f%n",
          contender.toLowerCase() + " ttl=10m metrics=micrometer", result.threads(),
          result.score(), result.spread(), result.score() / untagged, result.bytesPerOp()));
    }
    return table.toString();
  }

  private static String threeKeyTable(Map<String, Measurement> usual) {
    return table("three-parameter hit", usual, "threeKeys", USUAL_SETTING);
  }

  private static String table(String title, Map<String, Measurement> results, String shape,
      Map<String, String> setting) {
    StringBuilder table = new StringBuilder(String.format("%-40s %8s %10s %14s %12s %10s %8s%n",
        title, "threads", "ns/op", "JVMs", "x caffeine", "x tiered", "B/op"));
    appendRows(table, results, shape, setting);
    return table.toString();
  }

  private static void appendRows(StringBuilder table, Map<String, Measurement> results,
      String shape, Map<String, String> setting) {
    double baseline = results.get(Interleaved.key(shape + "Caffeine", setting)).score();
    double tiered = results.get(Interleaved.key(shape + "Tiered", setting)).score();
    for (String contender : List.of("Caffeine", "Tiered", "Spring")) {
      Measurement result = results.get(Interleaved.key(shape + contender, setting));
      table.append(String.format("%-40s %8d %10.1f %14s %12.2f %10.2f %8.1f%n",
          contender.toLowerCase() + " ttl=" + setting.get("ttl") + " metrics="
              + setting.get("metrics"),
          result.threads(), result.score(), result.spread(), result.score() / baseline,
          result.score() / tiered, result.bytesPerOp()));
    }
  }

  private static String refreshTable(Map<String, Measurement> results) {
    StringBuilder table = new StringBuilder(String.format("%-32s %10s %14s %12s %8s%n",
        "refresh and fallback", "ns/op", "JVMs", "x baseline", "B/op"));
    double fresh = results.get("freshHit").score();
    double handWritten = results.get("fallbackHitHandWritten").score();
    for (String name : List.of("freshHit", "staleHit", "fallbackHitHandWritten",
        "fallbackHitHandWrittenCallerRuns", "fallbackHitPromoted",
        "fallbackHitPromotedTimeBounded")) {
      Measurement result = results.get(name);
      double baseline = name.startsWith("fallback") ? handWritten : fresh;
      table.append(String.format("%-32s %10.1f %14s %12.2f %8.1f%n", name, result.score(),
          result.spread(), result.score() / baseline, result.bytesPerOp()));
    }
    return table.toString();
  }

  /** Origin calls per request are checked by the benchmark's teardown, which fails otherwise. */
  private static String bulkTable(Map<String, Measurement> bulk) {
    StringBuilder table = new StringBuilder(String.format("%-44s %10s %16s %12s %10s %8s%n",
        "bulk read: 100 keys, 10 missing", "us/op", "JVMs", "x getAll", "origin/op", "B/op"));
    double getAll = bulk.get("caffeineGetAll").score();
    Map<String, String> contenders = new LinkedHashMap<>();
    contenders.put("caffeineGetAll", "caffeine getAll, bulk loader by hand");
    contenders.put("tieredBulk", "tiered @Bulk");
    contenders.put("tieredLoop", "tiered, a loop of single-key calls");
    contenders.forEach((name, label) -> table.append(String.format(
        "%-44s %10.1f %16s %12.2f %10d %8.0f%n", label, bulk.get(name).score(),
        bulk.get(name).spread(), bulk.get(name).score() / getAll,
        name.equals("tieredLoop") ? 10 : 1, bulk.get(name).bytesPerOp())));
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
}
