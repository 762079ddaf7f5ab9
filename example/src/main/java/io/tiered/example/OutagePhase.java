package io.tiered.example;

import io.tiered.runtime.CacheStats;
import io.tiered.runtime.TieredRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;

/**
 * The quote service goes down for a while under load: callers of {@link Quotes#quote} get errors
 * once their entries pass the ttl, callers of {@link Quotes#quoteOrStale} get the last quote.
 */
final class OutagePhase {
  private static final int KEYS = 50;

  /** How long: healthy, then down for {@code outage}, then healthy again for as long. */
  record Settings(Duration healthy, Duration outage, int workers) {}

  /** What the callers of each method got. */
  record Result(Settings settings, long plainCalls, long plainErrors, long staleCalls,
      long staleErrors, CacheStats staleStats) {

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "outage: the quote service down for %s of %s, ttl 1s%n"
              + "  %-44s %,10d calls %,8d errors%n"
              + "  %-44s %,10d calls %,8d errors %,8d answered stale"
              + " (%,d on error, %,d past the soft timeout)%n",
          seconds(settings.outage()), seconds(settings.healthy().multipliedBy(2)
              .plus(settings.outage())),
          "quote (no @StaleIfError)", plainCalls, plainErrors,
          "quoteOrStale (@StaleIfError(\"1m\", \"100ms\"))", staleCalls, staleErrors,
          staleStats.staleServed(), staleStats.staleServedOnError(),
          staleStats.staleServedOnTimeout());
    }

    private static String seconds(Duration duration) {
      return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
  }

  /** The quote service: 5 ms a call; while down, it fails after 200 ms, as a timeout would. */
  static final class QuoteService implements Quotes {
    volatile boolean down;

    @Override
    public long quote(String sku) {
      return answer(sku);
    }

    @Override
    public long quoteOrStale(String sku) {
      return answer(sku);
    }

    private long answer(String sku) {
      boolean failing = down;
      sleep(failing ? 200 : 5);
      if (failing) {
        throw new IllegalStateException("quote service unavailable");
      }
      return 100 + Math.floorMod(sku.hashCode(), 900);
    }
  }

  private OutagePhase() {}

  static Result run(Settings settings) throws Exception {
    QuoteService service = new QuoteService();
    try (TieredRuntime runtime = TieredRuntime.builder().build()) {
      TieredQuotes quotes = new TieredQuotes(service, runtime);
      LongAdder[] plain = {new LongAdder(), new LongAdder()};
      LongAdder[] stale = {new LongAdder(), new LongAdder()};
      long end = System.nanoTime()
          + settings.healthy().multipliedBy(2).plus(settings.outage()).toNanos();
      try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < settings.workers(); i++) {
          workers.add(threads.submit(() -> {
            while (System.nanoTime() < end) {
              String sku = "sku-" + ThreadLocalRandom.current().nextInt(KEYS);
              call(quotes::quote, sku, plain);
              call(quotes::quoteOrStale, sku, stale);
              sleep(1);
            }
          }));
        }
        Thread.sleep(settings.healthy().toMillis());
        service.down = true;
        Thread.sleep(settings.outage().toMillis());
        service.down = false;
        for (Future<?> worker : workers) {
          worker.get();
        }
      }
      return new Result(settings, plain[0].sum(), plain[1].sum(), stale[0].sum(), stale[1].sum(),
          quotes.stats().cache("Quotes.quoteOrStale"));
    }
  }

  /** Calls {@code method}, counting the call in {@code counts[0]} and a failure in [1]. */
  private static void call(ToLongFunction<String> method, String sku, LongAdder[] counts) {
    counts[0].increment();
    try {
      method.applyAsLong(sku);
    } catch (RuntimeException failure) {
      counts[1].increment();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
