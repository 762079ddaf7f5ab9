package io.tiered.it;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.awaitility.Awaitility.await;

import io.tiered.runtime.CacheEntry;
import io.tiered.runtime.testing.MockTier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The versioned model of the race stress tests: a "database" of one version per key, the
 * origin over it, and the version of each key whose write had returned (committed). No read may
 * return a version older than the one committed before the read began.
 */
final class VersionModel {
  final int keys;
  private final AtomicLongArray database;
  private final AtomicLongArray committed;
  private final ReentrantLock[] writers;
  /** The origin: each read yields, to widen the window between reading it and writing the cache. */
  final BulkVersions origin = new BulkVersions() {
    @Override
    public long version(int key) {
      long version = database.get(key);
      Thread.yield();
      return version;
    }

    @Override
    public Map<Integer, Long> versions(Set<Integer> requested) {
      Map<Integer, Long> versions = new LinkedHashMap<>();
      requested.forEach(key -> versions.put(key, database.get(key)));
      Thread.yield();
      return versions;
    }

    @Override
    public void bump(int key) {
      database.incrementAndGet(key);
    }

    @Override
    public void bumpAll(int... bumped) {
      for (int key : bumped) {
        database.incrementAndGet(key);
      }
    }

    @Override
    public long bumpAndGet(int key) {
      return database.incrementAndGet(key);
    }
  };

  VersionModel(int keys) {
    this.keys = keys;
    this.database = new AtomicLongArray(keys);
    this.committed = new AtomicLongArray(keys);
    this.writers = new ReentrantLock[keys];
    for (int i = 0; i < keys; i++) {
      writers[i] = new ReentrantLock();
    }
  }

  /** Runs {@code step} {@code operations} times over {@code threads} virtual threads. */
  void runAll(int threads, int operations, Consumer<ThreadLocalRandom> step) throws Exception {
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(executor.submit(() -> {
          for (int op = 0; op < operations / threads; op++) {
            step.accept(ThreadLocalRandom.current());
          }
          return null;
        }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    }
  }

  /**
   * One of the proxy's writes of {@code key} ({@code @Invalidate}, {@code @Put}, a batch
   * {@code @Invalidate} with the next key), chosen by {@code roll} in [0, 12).
   */
  void write(Versions versions, int key, int roll) {
    if (roll < 6) {
      write(key, () -> versions.bump(key));
    } else if (roll < 9) {
      write(key, () -> versions.bumpAndGet(key));
    } else {
      int other = (key + 1) % keys;
      int first = Math.min(key, other);
      int second = Math.max(key, other);
      writers[first].lock(); // both keys' writers, in a fixed order
      try {
        write(second, () -> versions.bumpAll(key, other));
        committed.accumulateAndGet(first, database.get(first), Math::max);
      } finally {
        writers[first].unlock();
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

  /** The version of {@code key} committed now: no read that begins later may return less. */
  long floor(int key) {
    return committed.get(key);
  }

  void check(int key, long read, long floor) {
    if (read < floor) {
      throw new AssertionError(
          "key " + key + " read version " + read + " after version " + floor + " was committed");
    }
  }

  /**
   * Once writes stopped, no tier holds an old version and every read is current: within a few
   * seconds, not at once. Background refreshes (refresh-after 1 ms) may still run when the callers
   * stop, and a refresh's write of the fallback tier that lost to a newer write can land there
   * before its writer takes it back (see the engine's late-write fence; reads distrust it
   * meanwhile). A take-back that never comes fails this after ten seconds.
   */
  void awaitSettled(Versions versions, MockTier<Object, Object> shared, String cacheName) {
    await().atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertSettled(versions, shared, cacheName));
  }

  private void assertSettled(Versions versions, MockTier<Object, Object> shared,
      String cacheName) {
    for (int key = 0; key < keys; key++) {
      CacheEntry<Object> held = shared.peek(cacheName, key);
      if (held != null) {
        assertWithMessage("shared tier, key " + key).that((Long) held.value())
            .isEqualTo(database.get(key));
      }
      assertWithMessage("key " + key).that(versions.version(key)).isEqualTo(database.get(key));
    }
  }
}
