package io.tiered.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tiered.runtime.TieredRuntime;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToLongFunction;

/**
 * {@code benchmarks/run --ticker}: what the coarse ticker of production L1s costs and how precise
 * expiry is with it.
 *
 * <ul>
 *   <li>Idle cost: this process's CPU time over {@value #IDLE_SECONDS} s of doing nothing, before
 *       any runtime and then with a runtime whose expiring cache holds the ticker's daemon; the
 *       daemon thread's own CPU time then, while one thread hits the cache throughout, and while
 *       one hits it every 200 µs, as an L2-bound service's L1 is read (too rarely for ticking to
 *       pay: the daemon samples the rate instead).
 *   <li>Precision: a value cached with a 50 ms ttl, read in a loop until it is loaded again; the
 *       time from its load to the first miss, less the ttl, over {@value #EXPIRIES} expiries;
 *       beside it Caffeine on {@code System.nanoTime}, whose error is this loop's own.
 * </ul>
 */
final class TickerCost {
  private static final int IDLE_SECONDS = 10;
  private static final int EXPIRIES = 200;
  private static final long TTL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  /** Between the hits of the rare-reads row: 5 a millisecond, what an L2-bound service's L1 sees. */
  private static final long RARE_READ_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

  private TickerCost() {}

  static void run() throws Exception {
    System.out.printf("JDK %s on %d cores%n%n", Runtime.version(),
        Runtime.getRuntime().availableProcessors());
    double without = idleCpuMillisPerSecond();
    try (TieredRuntime runtime = TieredRuntime.builder().build()) {
      AtomicLong loads = new AtomicLong();
      ShortTtlService service = new TieredShortTtlService(key -> loads.incrementAndGet(), runtime);
      service.load("warm");
      Thread daemon = daemon();
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long daemonBefore = threads.getThreadCpuTime(daemon.threadId());
      double with = idleCpuMillisPerSecond();
      double daemonMillisPerSecond =
          (threads.getThreadCpuTime(daemon.threadId()) - daemonBefore) / 1e6 / IDLE_SECONDS;
      long busyBefore = threads.getThreadCpuTime(daemon.threadId());
      long busyUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(IDLE_SECONDS);
      while (System.nanoTime() < busyUntil) {
        for (int i = 0; i < 1_000; i++) {
          service.load("warm");
        }
      }
      double busyDaemonMillisPerSecond =
          (threads.getThreadCpuTime(daemon.threadId()) - busyBefore) / 1e6 / IDLE_SECONDS;
      long rareBefore = threads.getThreadCpuTime(daemon.threadId());
      long rareUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(IDLE_SECONDS);
      while (System.nanoTime() < rareUntil) {
        service.load("warm");
        LockSupport.parkNanos(RARE_READ_PAUSE_NANOS);
      }
      double rareDaemonMillisPerSecond =
          (threads.getThreadCpuTime(daemon.threadId()) - rareBefore) / 1e6 / IDLE_SECONDS;
      System.out.printf("%-50s %14s%n", "idle process, " + IDLE_SECONDS + " s", "CPU ms/s");
      System.out.printf("%-50s %14.3f%n", "no runtime (no daemon)", without);
      System.out.printf("%-50s %14.3f%n", "a runtime with an expiring cache (daemon)", with);
      System.out.printf("%-50s %14.3f%n", "the daemon thread alone", daemonMillisPerSecond);
      System.out.printf("%-50s %14.3f%n", "the daemon thread, one thread hitting throughout",
          busyDaemonMillisPerSecond);
      System.out.printf("%-50s %14.3f%n", "the daemon thread, a hit every 200 us (L2-bound)",
          rareDaemonMillisPerSecond);
      System.out.println();
      System.out.printf("%-50s %8s %8s %8s %8s%n", "expiry - ttl, ms (" + EXPIRIES
          + " entries, ttl 50 ms)", "min", "p50", "p99", "max");
      System.out.println(expiryErrors("tiered, coarse ticker", service::load, loads));
      AtomicLong caffeineLoads = new AtomicLong();
      Cache<String, Long> caffeine = Caffeine.newBuilder()
          .expireAfterWrite(Duration.ofNanos(TTL_NANOS))
          .executor(Runnable::run)
          .build();
      System.out.println(expiryErrors("caffeine by hand, System.nanoTime",
          key -> caffeine.get(key, k -> caffeineLoads.incrementAndGet()), caffeineLoads));
    }
  }

  private static Thread daemon() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().equals("tiered-coarse-ticker"))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no coarse-ticker daemon runs"));
  }

  private static double idleCpuMillisPerSecond() throws InterruptedException {
    var os = (com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean();
    long before = os.getProcessCpuTime();
    Thread.sleep(TimeUnit.SECONDS.toMillis(IDLE_SECONDS));
    return (os.getProcessCpuTime() - before) / 1e6 / IDLE_SECONDS;
  }

  /** How long after its ttl each of {@value #EXPIRIES} values was first missed. */
  private static String expiryErrors(String contender, ToLongFunction<String> service,
      AtomicLong loads) {
    double[] errors = new double[EXPIRIES];
    for (int i = 0; i < EXPIRIES; i++) {
      String key = "key-" + i;
      long loadsBefore = loads.get();
      service.applyAsLong(key);
      long loaded = System.nanoTime();
      while (loads.get() == loadsBefore + 1) {
        service.applyAsLong(key);
      }
      errors[i] = (System.nanoTime() - loaded - TTL_NANOS) / 1e6;
    }
    Arrays.sort(errors);
    return String.format("%-50s %8.3f %8.3f %8.3f %8.3f", contender, errors[0],
        errors[EXPIRIES / 2], errors[(int) (EXPIRIES * 0.99) - 1], errors[EXPIRIES - 1]);
  }
}
