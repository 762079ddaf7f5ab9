package io.tiered.redis;

import io.tiered.redis.FleetCatalog.FleetItem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the fleet did, checked as it happens: (a) a read that began after a write of its key
 * returned on its own instance never returns an older version, and how long after another
 * instance's write a read still returned an older version (the invalidation window); (c) loads of
 * one key and version that no write of the key overlapped, across the fleet; (d) the longest call.
 * (b), agreement once the faults stop, is {@link FleetModel}'s.
 */
final class FleetHistory {
  private final List<String> skus;
  private final Map<String, Integer> index = new ConcurrentHashMap<>();
  /** Per instance and key: the highest version a write completed on that instance made. */
  private final AtomicLongArray ownFloor;
  /** Per key: each written version, and when its write returned (nanoTime). */
  private final List<NavigableMap<Long, Long>> written = new ArrayList<>();
  private final AtomicLongArray writesStarted;
  private final AtomicLongArray writesEnded;
  private final Map<String, Queue<Object>> cleanLoads = new ConcurrentHashMap<>();
  private final Queue<Long> staleLagsNanos = new ConcurrentLinkedQueue<>();
  private final Queue<String> violations = new ConcurrentLinkedQueue<>();
  private final Map<String, List<String>> writeTraces = new ConcurrentHashMap<>();
  private final AtomicLong longestCallNanos = new AtomicLong();
  private final LongAdder operations = new LongAdder();
  private final LongAdder failedCalls = new LongAdder();
  private volatile boolean countingLoads;
  /** Per key, the writes begun when the thread's call began; -1 while one was running. */
  private final ThreadLocal<long[]> writesAtCallStart = new ThreadLocal<>();

  FleetHistory(int instances, List<String> skus) {
    this.skus = List.copyOf(skus);
    for (int i = 0; i < skus.size(); i++) {
      index.put(skus.get(i), i);
      written.add(new ConcurrentSkipListMap<>());
    }
    ownFloor = new AtomicLongArray(instances * skus.size());
    writesStarted = new AtomicLongArray(skus.size());
    writesEnded = new AtomicLongArray(skus.size());
  }

  /** Whether loads count towards (c): only while no fault is injected. */
  void countLoads(boolean counting) {
    countingLoads = counting;
  }

  /** The floor a read of {@code sku} on {@code instance} starting now must reach. */
  long floor(int instance, String sku) {
    return ownFloor.get(instance * skus.size() + index.get(sku));
  }

  void writeStarted(String sku) {
    writesStarted.incrementAndGet(index.get(sku));
  }

  /** A write of {@code sku} to {@code version} returned on {@code instance}. */
  void writeReturned(int instance, String sku, long version) {
    int key = index.get(sku);
    if (!FleetModel.TRACE.get().isEmpty()) {
      writeTraces.put(instance + "/" + sku + "/" + version, List.copyOf(FleetModel.TRACE.get()));
    }
    written.get(key).put(version, System.nanoTime());
    ownFloor.accumulateAndGet(instance * skus.size() + key, version, Math::max);
    writesEnded.incrementAndGet(key);
  }

  /** A write of {@code sku} threw: the database is as it was. */
  void writeFailed(String sku) {
    writesEnded.incrementAndGet(index.get(sku));
  }

  /** A read of {@code sku} on {@code instance}, begun at {@code startNanos}, returned {@code item}. */
  void readReturned(int instance, String sku, long startNanos, long floor, FleetItem item,
      String kind) {
    if (item == null || !item.sku().equals(sku)) {
      violations.add("instance " + instance + " read " + sku + " and got " + item);
      return;
    }
    if (item.version() < floor) {
      violations.add("(a) instance " + instance + "'s " + kind + " of " + sku + " got v" + item.version()
          + " after its own write of v" + floor + " had returned "
          + (startNanos - written.get(index.get(sku)).get(floor)) / 1000 + " µs before; events "
          + FleetModel.TRACE.get() + "; the write's " + writeTraces.get(instance + "/" + sku + "/"
          + floor));
    }
    long firstMissed = Long.MAX_VALUE;
    for (long returnedAt : written.get(index.get(sku)).tailMap(item.version(), false).values()) {
      if (returnedAt < startNanos) {
        firstMissed = Math.min(firstMissed, returnedAt);
      }
    }
    if (firstMissed != Long.MAX_VALUE) {
      staleLagsNanos.add(startNanos - firstMissed);
    }
  }

  /** A call of any kind took {@code nanos}; {@code failed} when it threw. */
  void called(long nanos, boolean failed) {
    operations.increment();
    if (failed) {
      failedCalls.increment();
    }
    longestCallNanos.accumulateAndGet(nanos, Math::max);
  }

  void violation(String violation) {
    violations.add(violation);
  }

  /**
   * The calling thread begins a cache call: what its loads count as clean for (c) dates from here,
   * not from the origin call, since the call's read of Redis (and the lease it took) came first.
   */
  void callStarts() {
    long[] started = new long[skus.size()];
    for (int key = 0; key < started.length; key++) {
      long ended = writesEnded.get(key);
      started[key] = writesStarted.get(key) == ended ? ended : -1;
    }
    writesAtCallStart.set(started);
  }

  /** An origin load of {@code sku} begins, in a call begun at {@link #callStarts} (or none). */
  Load loadStarted(String sku, int instance) {
    int key = index.get(sku);
    long[] atCallStart = writesAtCallStart.get();
    return new Load(sku, key, atCallStart == null ? -1 : atCallStart[key], countingLoads,
        instance);
  }

  /** Forgets the loads counted so far and counts again, for a phase of its own; this history. */
  FleetHistory restartLoadCount() {
    cleanLoads.clear();
    countingLoads = true;
    return this;
  }

  /** (c): loads of one key and version across the fleet that no write of the key overlapped. */
  List<String> duplicateLoads() {
    List<String> duplicates = cleanLoads.entrySet().stream()
        .filter(entry -> entry.getValue().size() > 1)
        .map(entry -> entry.getKey() + " loaded by instances " + entry.getValue()).sorted()
        .toList();
    return duplicates.size() <= 10 ? duplicates : List.of(duplicates.size() + " of "
        + cleanLoads.size() + " versions loaded more than once, such as "
        + duplicates.subList(0, 10));
  }

  /** (c): the share of versions loaded without faults that were loaded more than once. */
  double duplicateShare() {
    long twice = cleanLoads.values().stream().filter(loads -> loads.size() > 1).count();
    return cleanLoads.isEmpty() ? 0 : (double) twice / cleanLoads.size();
  }

  List<String> violations() {
    return List.copyOf(violations);
  }

  long operations() {
    return operations.sum();
  }

  long failedCalls() {
    return failedCalls.sum();
  }

  long longestCallNanos() {
    return longestCallNanos.get();
  }

  /** The stale reads' lags behind the first write they missed, in ms: count, p50, p99, max. */
  String window() {
    long[] lags = staleLagsNanos.stream().mapToLong(Long::longValue).sorted().toArray();
    if (lags.length == 0) {
      return "no stale read";
    }
    return String.format("%d stale reads, lag p50 %.1f ms, p99 %.1f ms, max %.1f ms", lags.length,
        lags[lags.length / 2] / 1e6, lags[(int) (lags.length * 0.99)] / 1e6,
        lags[lags.length - 1] / 1e6);
  }

  long maxLagNanos() {
    return staleLagsNanos.stream().mapToLong(Long::longValue).max().orElse(0);
  }

  /**
   * One origin load of one key: clean (counted for (c)) when no write of the key was running when
   * it began and none began before it ended.
   */
  final class Load {
    private final String sku;
    private final int key;
    private final long writesAtStart;
    private final boolean counting;
    private final int instance;

    private Load(String sku, int key, long writesAtStart, boolean counting, int instance) {
      this.sku = sku;
      this.key = key;
      this.writesAtStart = writesAtStart;
      this.counting = counting;
      this.instance = instance;
    }

    String sku() {
      return sku;
    }

    FleetItem ended(FleetItem item) {
      if (counting && countingLoads && writesAtStart >= 0
          && writesStarted.get(key) == writesAtStart) {
        cleanLoads.computeIfAbsent(sku + "@v" + item.version(),
            loaded -> new ConcurrentLinkedQueue<>()).add(List.of(instance, FleetModel.TRACE.get()));
      }
      return item;
    }
  }

  @Override
  public String toString() {
    return operations() + " operations (" + failedCalls() + " failed), " + window()
        + ", longest call " + longestCallNanos() / 1_000_000 + " ms, "
        + Arrays.toString(violations().stream().limit(5).toArray());
  }
}
