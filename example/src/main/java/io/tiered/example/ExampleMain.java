package io.tiered.example;

import io.tiered.runtime.TierFactory;
import io.tiered.runtime.TieredRuntime;
import java.time.Duration;
import java.util.Locale;

/**
 * The demo: a slow catalogue (about 50 ms a call, 2% failures) behind the generated
 * {@code TieredCatalog}, with the "shared" tier in memory (or the Redis that
 * {@code TIERED_REDIS_URI} names), driven for ten seconds; then a quote service that goes down
 * for four seconds, with and without {@code @StaleIfError}.
 *
 * <p>Arguments: {@code --duration=10s --workers=64}.
 */
public final class ExampleMain {
  private ExampleMain() {}

  public static void main(String[] args) throws Exception {
    Duration duration = Duration.ofSeconds(10);
    int workers = 64;
    for (String arg : args) {
      if (arg.startsWith("--duration=")) {
        duration = Duration.parse("PT" + arg.substring("--duration=".length()).toUpperCase(Locale.ROOT));
      } else if (arg.startsWith("--workers=")) {
        workers = Integer.parseInt(arg.substring("--workers=".length()));
      } else {
        System.err.println("usage: example [--duration=10s] [--workers=64]");
        System.exit(2);
      }
    }
    try (SharedTier shared = SharedTier.fromEnvironment()) {
      System.out.printf("Tiered example: a slow catalogue (50 ms, 2%% failures) behind TieredCatalog,"
          + " %d virtual-thread workers for %s; shared tier %s%n%n", workers,
          duration.toString().substring(2).toLowerCase(Locale.ROOT), shared.description());
      Summary summary = run(new Workload.Settings(duration, workers, 200, ExampleMain::printProgress),
          shared.factory(), 50, 0.02);
      System.out.println(System.console() != null ? System.lineSeparator() : "");
      System.out.print(summary);
    }
    System.out.println();
    System.out.print(OutagePhase.run(
        new OutagePhase.Settings(Duration.ofSeconds(2), Duration.ofSeconds(4), workers)));
  }

  /** Runs the workload against a fresh runtime and origin; the summary of what happened. */
  static Summary run(Workload.Settings settings, TierFactory shared, long latencyMillis,
      double failureRate) throws Exception {
    SlowCatalog origin = new SlowCatalog(latencyMillis, failureRate);
    TimedCatalog timed = new TimedCatalog(origin);
    try (TieredRuntime runtime = TieredRuntime.builder().tier("shared", shared).build()) {
      TieredCatalog catalog = new TieredCatalog(timed, runtime);
      Workload.Result result = new Workload(catalog, settings).run();
      long stampedeCalls = origin.productCalls(Workload.STAMPEDE_SKU);
      return new Summary(result, origin, timed, catalog.stats(), stampedeCalls);
    }
  }

  private static long lastPrintedSecond = -1;

  /** On a terminal the line updates in place; in a log, one line a second. */
  private static void printProgress(Workload.Progress progress) {
    String line = String.format(Locale.ROOT, "  %5.1f s   %,12d requests   %,6d errors",
        progress.elapsed().toMillis() / 1000.0, progress.requests(), progress.errors());
    if (System.console() != null) {
      System.out.print("\r" + line);
      System.out.flush();
    } else if (progress.elapsed().toSeconds() != lastPrintedSecond) {
      lastPrintedSecond = progress.elapsed().toSeconds();
      System.out.println(line);
    }
  }
}
