package io.tiered.it;

import io.tiered.runtime.TieredRuntime;
import io.tiered.runtime.testing.MockTier;
import java.util.concurrent.ThreadLocalRandom;
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

  private final VersionModel model = new VersionModel(KEYS);

  @RepeatedTest(2)
  void noReadIsOlderThanTheLastReturnedWrite() throws Exception {
    MockTier<Object, Object> shared = MockTier.create();
    try (TieredRuntime runtime = TieredRuntime.builder().tier("shared", shared.factory()).build()) {
      TieredVersions versions = new TieredVersions(model.origin, runtime);
      model.runAll(THREADS, OPERATIONS, random -> step(versions, random));
      model.awaitSettled(versions, shared, "Versions.version");
    }
  }

  private void step(Versions versions, ThreadLocalRandom random) {
    int key = random.nextInt(KEYS);
    int roll = random.nextInt(100);
    if (roll < 16) {
      model.write(versions, key, roll * 12 / 16);
    } else {
      long floor = model.floor(key);
      model.check(key, versions.version(key), floor);
    }
  }
}
