package io.tiered.runtime;

import static io.tiered.runtime.EngineLincheckTest.actor;
import static io.tiered.runtime.EngineLincheckTest.key;
import static io.tiered.runtime.EngineLincheckTest.origin;
import static io.tiered.runtime.EngineLincheckTest.value;

import io.tiered.runtime.internal.BulkCache;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * As {@link EngineLincheckTest}, with tags: each key's entries carry {@code item:<key>}, and a
 * tagged update writes the database, then invalidates the tag ({@link
 * TieredRuntime#invalidateTag}) instead of the key. Every read must still answer what the
 * database holds: a load, bulk load or put begun before the tag invalidation and served after it
 * is a wrong answer.
 */
@Tag("lincheck")
@Param(name = "key", gen = IntGen.class, conf = "0:1")
@Param(name = "value", gen = IntGen.class, conf = "1:2")
public class TagLincheckTest {
  private final Map<String, String> database = new ConcurrentHashMap<>();
  private final TieredCache<String, String> cache;
  private final BulkCache<String, String> bulk;
  private final TieredRuntime runtime;

  public TagLincheckTest() {
    EngineLincheckTest.Engine engine = EngineLincheckTest.Engine.create(
        key -> database.getOrDefault(key, origin(key)), key -> List.of(tag(key)));
    cache = engine.cache();
    bulk = engine.bulk();
    runtime = engine.runtime();
  }

  static String tag(String key) {
    return "item:" + key;
  }

  static String retagged(int value) {
    return "retagged-" + value;
  }

  @Operation
  public @Nullable String get(@Param(name = "key") int key) {
    return cache.get(key(key));
  }

  /** A bulk read of both keys (the other one first), answering for {@code key}. */
  @Operation
  public @Nullable String bulkGet(@Param(name = "key") int key) {
    return bulk.getAll(List.of(key(1 - key), key(key))).get(key(key));
  }

  /** A write of the database cached as it is made: the put begins before it. */
  @Operation
  public void put(@Param(name = "key") int key, @Param(name = "value") int value) {
    TieredCache.PendingPut<String, String> put = cache.beginPut(key(key));
    database.put(key(key), value(value));
    put.complete(value(value));
  }

  /** A write of the database, then an invalidation of its key's tag. */
  @Operation
  public void tagUpdate(@Param(name = "key") int key, @Param(name = "value") int value) {
    database.put(key(key), retagged(value));
    runtime.invalidateTag(tag(key(key)));
  }

  @Test
  void modelChecking() throws NoSuchMethodException {
    Actor get0 = actor(TagLincheckTest.class, "get", 0);
    Actor tagUpdate01 = actor(TagLincheckTest.class, "tagUpdate", 0, 1);
    new ModelCheckingOptions()
        .iterations(3)
        .invocationsPerIteration(200)
        .threads(2)
        .actorsPerThread(3)
        .actorsBefore(1)
        .actorsAfter(1)
        .loopIterationsBeforeThreadSwitch(40) // see EngineLincheckTest
        .loopBound(200)
        .sequentialSpecification(Specification.class)
        // A read racing a tagged update and a read after it, which must not join the first.
        .addCustomScenario(EngineLincheckTest.scenario(
            List.of(List.of(get0), List.of(tagUpdate01, get0)), List.of(get0)))
        .addCustomScenario(EngineLincheckTest.scenario(
            List.of(List.of(actor(TagLincheckTest.class, "put", 0, 2)), List.of(tagUpdate01)),
            List.of(actor(TagLincheckTest.class, "bulkGet", 0))))
        // A put that a tagged update overtakes, then a read of the same caller: L1 must not
        // answer the value before the put while the update is still removing it.
        .addCustomScenario(new ExecutionScenario(
            List.of(actor(TagLincheckTest.class, "put", 0, 2)),
            List.of(List.of(tagUpdate01), List.of(actor(TagLincheckTest.class, "put", 0, 1), get0)),
            List.of(), null))
        .check(TagLincheckTest.class);
  }

  @Test
  void stress() {
    new StressOptions()
        .iterations(20)
        .invocationsPerIteration(2_000)
        .threads(3)
        .actorsPerThread(3)
        .actorsBefore(1)
        .actorsAfter(1)
        .sequentialSpecification(Specification.class)
        .check(TagLincheckTest.class);
  }

  /** What a linearizable cache answers: what the database holds. */
  public static final class Specification {
    private final Map<String, String> database = new HashMap<>();

    public @Nullable String get(int key) {
      return database.getOrDefault(key(key), origin(key(key)));
    }

    public @Nullable String bulkGet(int key) {
      return get(key);
    }

    public void put(int key, int value) {
      database.put(key(key), value(value));
    }

    public void tagUpdate(int key, int value) {
      database.put(key(key), retagged(value));
    }
  }
}
