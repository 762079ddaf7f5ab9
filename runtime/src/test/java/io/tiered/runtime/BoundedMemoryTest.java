package io.tiered.runtime;

import static com.google.common.truth.Truth.assertThat;

import io.tiered.runtime.testing.ManualClock;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A million distinct keys through a 10,000-entry cache: L1 stays bounded, nothing leaks. */
class BoundedMemoryTest {
  private static final int KEYS = 1_000_000;

  @Test
  void millionDistinctKeysLeaveL1BoundedAndNoLoadInFlight() throws Exception {
    ManualClock clock = new ManualClock();
    TieredRuntime runtime = TieredRuntime.builder().clock(clock).build();
    TieredCache<String, String> cache = runtime.cache(Harness.definition()
        .maximumSize(10_000).ttl(Duration.ofMinutes(10)).refreshAfter(Duration.ofMinutes(1))
        .build(), key -> "value-of-" + key);

    long heapBefore = usedHeapAfterGc();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> workers = new ArrayList<>();
      for (int worker = 0; worker < 8; worker++) {
        int offset = worker;
        workers.add(threads.submit(() -> {
          for (int i = offset; i < KEYS; i += 8) {
            cache.get("key-" + (i / 2)); // pairs of threads race on each key: the stampede path
            if (i % 50_000 == 0) {
              clock.advance(Duration.ofMinutes(2)); // and the refresh path
            }
          }
          return null;
        }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    }
    runtime.close();
    long heapAfter = usedHeapAfterGc();

    assertThat(cache.stats().tier(CacheEvent.L1).size().getAsLong()).isAtMost(10_000L);
    assertThat(EngineProbe.inFlightCount(cache)).isEqualTo(0);
    // 500,000 retained entries would take over 50 MB; 10,000 take about 3 MB.
    assertThat(heapAfter - heapBefore).isLessThan(32L * 1024 * 1024);
    System.out.printf("BoundedMemoryTest: used heap after GC %,d KiB before, %,d KiB after %,d"
        + " distinct keys through a 10,000-entry cache%n", heapBefore / 1024, heapAfter / 1024,
        KEYS / 2);
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
