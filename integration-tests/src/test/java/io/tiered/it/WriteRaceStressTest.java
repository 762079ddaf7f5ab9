package io.tiered.it;

import static com.google.common.truth.Truth.assertWithMessage;

import io.tiered.runtime.CacheEntry;
import io.tiered.runtime.TieredRuntime;
import io.tiered.runtime.testing.MockTier;
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
 * Virtual threads mix reads with the write methods of a generated proxy ({@code @Invalidate},
 * a batch {@code @Invalidate}, {@code @Put}) on a few keys, with background refreshes and a
 * fallback tier. No read may return a version older than the last write whose call had returned
 * before the read began, and once the writes stop no tier may hold an old version.
 */
class WriteRaceStressTest {
  private static final int KEYS = 8;
  private static final int THREADS = 16;
  private static final int OPERATIONS = 200_000;

  private final AtomicLongArray database = new AtomicLongArray(KEYS);
  private final AtomicLongArray committed = new AtomicLongArray(KEYS);
  private final ReentrantLock[] writers = new ReentrantLock[KEYS];
  private final Versions origin = new Versions() {
    @Override
    public long version(int key) {
      long version = database.get(key);
      Thread.yield(); // widen the window between reading the origin and writing the cache
      return version;
    }

    @Override
    public void bump(int key) {
      database.incrementAndGet(key);
    }

    @Override
    public void bumpAll(int... keys) {
      for (int key : keys) {
        database.incrementAndGet(key);
      }
    }

    @Override
    public long bumpAndGet(int key) {
      return database.incrementAndGet(key);
    }
  };

  @RepeatedTest(2)
  void noReadIsOlderThanTheLastReturnedWrite() throws Exception {
    for (int i = 0; i < KEYS; i++) {
      writers[i] = new ReentrantLock();
    }
    MockTier<Object, Object> shared = MockTier.create();
    try (TieredRuntime runtime = TieredRuntime.builder().tier("shared", shared.factory()).build()) {
      TieredVersions versions = new TieredVersions(origin, runtime);
      runAll(versions);
      for (int key = 0; key < KEYS; key++) {
        CacheEntry<Object> held = shared.peek("Versions.version", key);
        if (held != null) {
          assertWithMessage("shared tier, key " + key).that((Long) held.value())
              .isEqualTo(database.get(key));
        }
        assertWithMessage("key " + key).that(versions.version(key)).isEqualTo(database.get(key));
      }
    }
  }

  private void runAll(Versions versions) throws Exception {
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        workers.add(threads.submit(() -> {
          for (int op = 0; op < OPERATIONS / THREADS; op++) {
            step(versions, ThreadLocalRandom.current());
          }
          return null;
        }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    }
  }

  private void step(Versions versions, ThreadLocalRandom random) {
    int key = random.nextInt(KEYS);
    int roll = random.nextInt(100);
    if (roll < 8) {
      write(key, () -> versions.bump(key));
    } else if (roll < 12) {
      write(key, () -> versions.bumpAndGet(key));
    } else if (roll < 16) {
      int other = (key + 1) % KEYS;
      int first = Math.min(key, other);
      int second = Math.max(key, other);
      writers[first].lock(); // both keys' writers, in a fixed order
      try {
        write(second, () -> versions.bumpAll(key, other));
        committed.accumulateAndGet(first, database.get(first), Math::max);
      } finally {
        writers[first].unlock();
      }
    } else {
      long floor = committed.get(key);
      long read = versions.version(key);
      if (read < floor) {
        throw new AssertionError("key " + key + " read version " + read
            + " after version " + floor + " was committed");
      }
    }
  }

  /** A writer of {@code key}: calls the write method, then marks the version it wrote committed. */
  private void write(int key, Runnable call) {
    writers[key].lock();
    try {
      call.run();
      committed.accumulateAndGet(key, database.get(key), Math::max);
    } finally {
      writers[key].unlock();
    }
  }
}
