package io.tiered.it;

import static com.google.common.truth.Truth.assertThat;

import io.tiered.runtime.TieredRuntime;
import io.tiered.runtime.testing.MockTier;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Semantics 7 and 12 key by key: virtual threads mix bulk reads of random key sets with
 * single-key reads and the proxy's writes, with background refreshes (single and batched) and a
 * fallback tier, on the versioned model of {@link WriteRaceStressTest}. No key of a bulk read may
 * be missing or older than the version committed before the read began; once writes stop, no
 * tier holds an old version.
 */
class BulkReadRaceStressTest {
  private static final int KEYS = 16;
  private static final int THREADS = 16;
  private static final int OPERATIONS = 240_000;
  private static final long KEY_OPERATIONS = 1_000_000;

  private final VersionModel model = new VersionModel(KEYS);
  private final LongAdder keyOperations = new LongAdder();

  @RepeatedTest(2)
  void noKeyOfABulkReadIsOlderThanTheLastReturnedWrite() throws Exception {
    MockTier<Object, Object> shared = MockTier.create();
    try (TieredRuntime runtime = TieredRuntime.builder().tier("shared", shared.factory()).build()) {
      TieredBulkVersions versions = new TieredBulkVersions(model.origin, runtime);
      model.runAll(THREADS, OPERATIONS, random -> step(versions, random));
      model.awaitSettled(versions, shared, "BulkVersions.version");
      Set<Integer> all = new HashSet<>();
      for (int key = 0; key < KEYS; key++) {
        all.add(key);
      }
      Map<Integer, Long> settled = versions.versions(all);
      all.forEach(key -> assertThat(settled.get(key)).isEqualTo(versions.version(key)));
    }
    assertThat(keyOperations.sum()).isAtLeast(KEY_OPERATIONS);
  }

  private void step(BulkVersions versions, ThreadLocalRandom random) {
    int key = random.nextInt(KEYS);
    int roll = random.nextInt(100);
    if (roll < 12) {
      model.write(versions, key, roll);
      keyOperations.increment();
    } else if (roll < 30) {
      long floor = model.floor(key);
      model.check(key, versions.version(key), floor);
      keyOperations.increment();
    } else {
      bulkRead(versions, random);
    }
  }

  private void bulkRead(BulkVersions versions, ThreadLocalRandom random) {
    int size = 1 + random.nextInt(KEYS);
    Map<Integer, Long> floors = new HashMap<>();
    while (floors.size() < size) {
      int key = random.nextInt(KEYS);
      floors.put(key, model.floor(key));
    }
    Map<Integer, Long> read = versions.versions(floors.keySet());
    assertThat(read.keySet()).isEqualTo(floors.keySet());
    floors.forEach((key, floor) -> model.check(key, read.get(key), floor));
    keyOperations.add(size);
  }
}
