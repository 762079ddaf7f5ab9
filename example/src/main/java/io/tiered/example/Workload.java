package io.tiered.example;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * A mixed read workload on virtual threads: mostly hot products, some searches, name lookups and
 * stock checks, now and then a price update; halfway through, a stampede on a cold key.
 */
final class Workload {
  static final List<String> METHODS = List.of("product", "search", "findByName", "stock");
  static final String STAMPEDE_SKU = "cold-stampede";
  static final int STAMPEDE_CALLERS = 500;

  private final TieredCatalog cached;
  private final Settings settings;
  /** Nanoseconds per call, per method; HdrHistograms to three significant digits. */
  private final Map<String, Histogram> latencies = new LinkedHashMap<>();
  private final Map<String, LongAdder> errors = new LinkedHashMap<>();
  private long startNanos;

  /** How long, how wide, and how to report progress. */
  record Settings(Duration duration, int workers, int hotKeys, Consumer<Progress> progress) {}

  /** A progress report: elapsed time and requests so far. */
  record Progress(Duration elapsed, long requests, long errors) {}

  /** What happened, per method, and in the stampede. */
  record Result(Map<String, Histogram> latencies, Map<String, Long> errors,
      int stampedeCallers, long stampedeFailures) {}

  Workload(TieredCatalog cached, Settings settings) {
    this.cached = cached;
    this.settings = settings;
    for (String method : METHODS) {
      latencies.put(method, new ConcurrentHistogram(3));
      errors.put(method, new LongAdder());
    }
  }

  Result run() throws Exception {
    startNanos = System.nanoTime();
    long deadline = startNanos + settings.duration().toNanos();
    long stampedeFailures;
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> workers = new ArrayList<>();
      for (int i = 0; i < settings.workers(); i++) {
        workers.add(threads.submit(() -> work(deadline)));
      }
      reportUntil(startNanos + settings.duration().toNanos() / 2);
      stampedeFailures = stampede(threads);
      reportUntil(deadline);
      for (Future<?> worker : workers) {
        worker.get();
      }
    }
    settings.progress().accept(progress(settings.duration()));
    Map<String, Long> errorCounts = new LinkedHashMap<>();
    errors.forEach((method, count) -> errorCounts.put(method, count.sum()));
    return new Result(latencies, errorCounts, STAMPEDE_CALLERS, stampedeFailures);
  }

  /** Many callers ask for the same cold key at the same moment; returns how many failed. */
  private long stampede(ExecutorService threads) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> callers = new ArrayList<>();
    for (int i = 0; i < STAMPEDE_CALLERS; i++) {
      callers.add(threads.submit(() -> {
        start.await();
        try {
          return cached.product(STAMPEDE_SKU) != null;
        } catch (RuntimeException failure) {
          return false;
        }
      }));
    }
    start.countDown();
    long failures = 0;
    for (Future<Boolean> caller : callers) {
      failures += caller.get() ? 0 : 1;
    }
    return failures;
  }

  private void work(long deadline) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (System.nanoTime() < deadline) {
      int roll = random.nextInt(100);
      String method = roll < 60 ? "product" : roll < 80 ? "search" : roll < 90 ? "findByName" : "stock";
      long start = System.nanoTime();
      try {
        call(method, random);
      } catch (RuntimeException failure) {
        errors.get(method).increment();
      }
      latencies.get(method).recordValue(System.nanoTime() - start);
      if (roll == 99) {
        updatePrice(hotSku(random), 100 + random.nextInt(9_900));
      }
      pause(random);
    }
  }

  /** A write through the service; its @Invalidate evicts the key from every instance. */
  private void updatePrice(String sku, long priceCents) {
    try {
      cached.updatePrice(sku, priceCents);
    } catch (RuntimeException failure) {
      // The write failed at the origin: the cached price is still the current one.
    }
  }

  private void call(String method, ThreadLocalRandom random) {
    switch (method) {
      case "product" -> cached.product(hotSku(random));
      case "search" -> cached.search(
          SlowCatalog.CATEGORIES[random.nextInt(SlowCatalog.CATEGORIES.length)], random.nextInt(5));
      case "findByName" -> cached.findByName(
          random.nextInt(10) == 0 ? "unknown-" + random.nextInt(20) : hotSku(random));
      default -> cached.stock(hotSku(random)).join();
    }
  }

  /** Skewed toward a few hot products, as real traffic is. */
  private String hotSku(ThreadLocalRandom random) {
    double skewed = Math.pow(random.nextDouble(), 3);
    return "sku-" + (int) (skewed * settings.hotKeys());
  }

  private static void pause(ThreadLocalRandom random) {
    try {
      Thread.sleep(0, random.nextInt(500_000));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void reportUntil(long until) throws InterruptedException {
    while (System.nanoTime() < until) {
      Thread.sleep(Math.min(250, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
      settings.progress().accept(progress(Duration.ofNanos(System.nanoTime() - startNanos)));
    }
  }

  private Progress progress(Duration elapsed) {
    long requests = latencies.values().stream().mapToLong(Histogram::getTotalCount).sum();
    long failed = errors.values().stream().mapToLong(LongAdder::sum).sum();
    return new Progress(elapsed, requests, failed);
  }
}
