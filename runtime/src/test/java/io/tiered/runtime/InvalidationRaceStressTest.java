package io.tiered.runtime;

import static com.google.common.truth.Truth.assertWithMessage;

import io.tiered.runtime.internal.CacheDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Many virtual threads mix reads, write-then-invalidate, puts and background refreshes on a few
 * keys. A model (a versioned "database") checks that no read returns a value older than the last
 * write whose invalidate or put had completed before the read began.
 */
class InvalidationRaceStressTest {
  private static final int KEYS = 8;
  private static final int THREADS = 32;
  private static final int OPERATIONS = 1_000_000;

  private final AtomicLongArray database = new AtomicLongArray(KEYS);
  private final AtomicLongArray committed = new AtomicLongArray(KEYS);
  private final ReentrantLock[] writers = new ReentrantLock[KEYS];

  @RepeatedTest(2)
  void noReadIsOlderThanTheLastCompletedInvalidateOrPut() throws Exception {
    for (int i = 0; i < KEYS; i++) {
      writers[i] = new ReentrantLock();
    }
    try (TieredRuntime runtime = TieredRuntime.builder().build()) {
      TieredCache<Integer, Long> cache = runtime.cache(
          CacheDefinition.<Integer, Long>builder("Race.version", Integer.class, Long.class)
              .refreshAfter(Duration.ofMillis(1))
              .build(),
          key -> {
            long version = database.get(key);
            Thread.yield(); // widen the window between reading the origin and writing the cache
            return version;
          });
      runAll(cache);
      assertWithMessage("loads left in flight")
          .that(EngineProbe.inFlightCount(cache)).isAtMost(KEYS);
    }
  }

  private void runAll(TieredCache<Integer, Long> cache) throws Exception {
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        workers.add(threads.submit(() -> {
          for (int op = 0; op < OPERATIONS / THREADS; op++) {
            step(cache, ThreadLocalRandom.current());
          }
          return null;
        }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    }
  }

  private void step(TieredCache<Integer, Long> cache, ThreadLocalRandom random) {
    int key = random.nextInt(KEYS);
    int roll = random.nextInt(100);
    if (roll < 8) {
      write(key, version -> cache.invalidate(key));
    } else if (roll < 12) {
      write(key, version -> cache.put(key, version));
    } else if (roll < 16) {
      write(key, version -> cache.invalidateAll(List.of(key, (key + 1) % KEYS)));
    } else if (roll < 18) {
      write(key, version -> cache.invalidateAll());
    } else {
      long floor = committed.get(key);
      Long read = cache.get(key);
      if (read < floor) {
        throw new AssertionError("key " + key + " read version " + read
            + " after version " + floor + " was committed");
      }
    }
  }

  /** A writer: bumps the version, tells the cache, then marks the version committed. */
  private void write(int key, java.util.function.LongConsumer tellCache) {
    writers[key].lock();
    try {
      long version = database.incrementAndGet(key);
      tellCache.accept(version);
      committed.accumulateAndGet(key, version, Math::max);
    } finally {
      writers[key].unlock();
    }
  }
}
