package io.tiered.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tiered.runtime.CacheEvent;
import io.tiered.runtime.TieredProxy;
import io.tiered.runtime.TieredRuntime;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code benchmarks/run --memory}: the heap an L1 of {@value #ENTRIES} entries takes beyond its
 * keys and values, against hand-written Caffeine configured alike ({@code maximumSize} of as many
 * entries, {@code expireAfterWrite(10m)}, maintenance on the caller). Keys and values are made
 * once, before either cache, and shared by both, so each figure is the cache's own structure: the
 * heap used after a full collection with the cache filled, less before it, per entry. Three
 * rounds, contenders in turns; the median is printed. A tagged entry's row counts its tags too:
 * their strings, states and the index L1 removes their entries by.
 */
final class MemoryPerEntry {
  static final int ENTRIES = 1_000_000;
  private static final int ROUNDS = 3;

  private MemoryPerEntry() {}

  static void run() throws Exception {
    String[] skus = new String[ENTRIES];
    Price[] prices = new Price[ENTRIES];
    for (int i = 0; i < ENTRIES; i++) {
      skus[i] = "sku-" + i;
      prices[i] = new Price(skus[i], i);
    }
    List<Double> caffeine = new ArrayList<>();
    List<Double> tiered = new ArrayList<>();
    List<Double> tagged = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      caffeine.add(bytesPerEntry(() -> caffeine(skus, prices)));
      tiered.add(bytesPerEntry(() -> tiered(skus, prices)));
      tagged.add(bytesPerEntry(() -> tagged(skus, prices)));
    }
    double caffeineMedian = median(caffeine);
    System.out.printf("JDK %s, heap %d MB, %s%n%n", Runtime.version(),
        Runtime.getRuntime().maxMemory() >> 20,
        ManagementFactory.getRuntimeMXBean().getInputArguments());
    System.out.printf("%-52s %12s %20s %12s%n", "L1 memory, 10^6 entries, ttl 10m", "B/entry",
        "rounds", "x caffeine");
    print("caffeine maximumSize + expireAfterWrite", caffeine, caffeineMedian);
    print("tiered @Tiered(maximumSize, ttl = \"10m\")", tiered, caffeineMedian);
    print("tiered, two tags (product, catalog)", tagged, caffeineMedian);
  }

  private static void print(String contender, List<Double> rounds, double caffeineMedian) {
    double median = median(rounds);
    System.out.printf("%-52s %12.1f %20s %12.2f%n", contender, median,
        rounds.stream().map(b -> String.format("%.0f", b)).toList(), median / caffeineMedian);
  }

  /** Something filled that must stay reachable while the heap is measured. */
  private interface Filled {
    Object fill();
  }

  private static double bytesPerEntry(Filled filled) throws InterruptedException {
    long before = usedAfterGc();
    Object cache = filled.fill();
    long after = usedAfterGc();
    if (cache.hashCode() == 42) { // keeps the cache reachable until measured
      System.out.print("");
    }
    return (double) (after - before) / ENTRIES;
  }

  private static Object caffeine(String[] skus, Price[] prices) {
    Cache<String, Price> cache = Caffeine.newBuilder()
        .maximumSize(ENTRIES)
        .expireAfterWrite(Duration.ofMinutes(10))
        .executor(Runnable::run)
        .build();
    for (int i = 0; i < ENTRIES; i++) {
      cache.put(skus[i], prices[i]);
    }
    cache.cleanUp();
    check(cache.estimatedSize());
    return cache;
  }

  private static Object tiered(String[] skus, Price[] prices) {
    TieredRuntime runtime = TieredRuntime.builder().build();
    LargePriceService service =
        new TieredLargePriceService(sku -> prices[Integer.parseInt(sku, 4, sku.length(), 10)],
            runtime);
    for (int i = 0; i < ENTRIES; i++) {
      service.price(skus[i]);
    }
    check(((TieredProxy) service).stats().caches().getFirst().tier(CacheEvent.L1).size().orElse(0));
    runtime.close();
    return service;
  }

  private static Object tagged(String[] skus, Price[] prices) {
    TieredRuntime runtime = TieredRuntime.builder().build();
    LargeTaggedPriceService service =
        new TieredLargeTaggedPriceService(
            sku -> prices[Integer.parseInt(sku, 4, sku.length(), 10)], runtime);
    for (int i = 0; i < ENTRIES; i++) {
      service.price(skus[i]);
    }
    check(((TieredProxy) service).stats().caches().getFirst().tier(CacheEvent.L1).size().orElse(0));
    runtime.close();
    return service;
  }

  private static void check(long size) {
    if (size < ENTRIES * 0.99) {
      throw new IllegalStateException("the cache holds " + size + " entries, not " + ENTRIES);
    }
  }

  private static long usedAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
