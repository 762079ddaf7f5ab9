package io.tiered.runtime;

import static com.google.common.truth.Truth.assertThat;
import static io.tiered.runtime.EngineLincheckTest.actor;
import static io.tiered.runtime.EngineLincheckTest.key;
import static io.tiered.runtime.EngineLincheckTest.origin;
import static io.tiered.runtime.EngineLincheckTest.value;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tiered.runtime.internal.BulkCache;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A bulk read is not a snapshot of its keys, by design: each key is its own entry, answered as a
 * single-key read of it would be (docs/annotations.md, {@code @Bulk}), so a bulk read overlapping
 * writes of several of its keys may answer one key from before them and another from after them.
 * Lincheck must find such a history against a specification whose bulk read is atomic. If it stops
 * finding one, bulk reads have become snapshots, and the docs may promise it.
 */
@Tag("lincheck")
@Param(name = "key", gen = IntGen.class, conf = "0:1")
@Param(name = "value", gen = IntGen.class, conf = "1:2")
public class BulkSnapshotLincheckTest {
  private final BulkCache<String, String> bulk;
  private final TieredCache<String, String> cache;

  public BulkSnapshotLincheckTest() {
    EngineLincheckTest.Engine engine = EngineLincheckTest.Engine.create();
    cache = engine.cache();
    bulk = engine.bulk();
  }

  /** Both keys' values, in key order. */
  @Operation
  public String bulkGetBoth() {
    Map<String, String> values = bulk.getAll(List.of(key(0), key(1)));
    return values.get(key(0)) + "," + values.get(key(1));
  }

  @Operation
  public void put(@Param(name = "key") int key, @Param(name = "value") int value) {
    cache.put(key(key), value(value));
  }

  @Test
  void aBulkReadOverlappingWritesOfItsKeysMayMixBeforeAndAfter() throws NoSuchMethodException {
    Class<BulkSnapshotLincheckTest> test = BulkSnapshotLincheckTest.class;
    ModelCheckingOptions options = new ModelCheckingOptions()
        .iterations(0)
        .invocationsPerIteration(2_000) // found within it; not within 300
        .minimizeFailedScenario(false) // three calls already
        .addCustomScenario(EngineLincheckTest.scenario(List.of(
            List.of(actor(test, "bulkGetBoth")),
            List.of(actor(test, "put", 0, 1), actor(test, "put", 1, 1))), List.of()))
        .sequentialSpecification(Snapshot.class);

    LincheckAssertionError found =
        assertThrows(LincheckAssertionError.class, () -> options.check(test));

    assertThat(found).hasMessageThat().contains("bulkGetBoth(): origin-k0,put-1");
  }

  /** A cache whose bulk read sees every key at one instant. */
  public static final class Snapshot {
    private final Map<String, String> stored = new HashMap<>();

    public String bulkGetBoth() {
      return valueOf(0) + "," + valueOf(1);
    }

    private @Nullable String valueOf(int key) {
      return stored.getOrDefault(key(key), origin(key(key)));
    }

    public void put(int key, int value) {
      stored.put(key(key), value(value));
    }
  }
}
