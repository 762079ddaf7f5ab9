package io.tiered.runtime;

import io.tiered.runtime.internal.BulkCache;
import io.tiered.runtime.internal.CacheDefinition;
import io.tiered.runtime.testing.ManualClock;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
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
 * The engine of one cache with a fallback tier ({@link Tiers#memory()}, so Caffeine on both
 * levels), checked by Lincheck to be linearizable against {@link Specification}: a cache in front
 * of a database, written as users write: a put begins ({@link TieredCache#beginPut}), writes the
 * database, then completes with the value written; an update writes the database, then
 * invalidates; an invalidate alone changes nothing a read may see. So every read must answer what
 * the database holds: a lost put, a value served after an update, a load landing over a later
 * put, two racing puts leaving the older value cached, or a bulk read that disagrees with single
 * reads is a wrong answer.
 *
 * <p>Two keys; get, put, update, invalidate, and a bulk read of both keys answering for one of
 * them: the engine promises bulk reads key by key, not a snapshot of several keys (see
 * {@link BulkSnapshotLincheckTest}). The model checker explores interleavings of two threads,
 * the found histories first; the stress run adds a third thread on real threads.
 */
@Tag("lincheck")
@Param(name = "key", gen = IntGen.class, conf = "0:1")
@Param(name = "value", gen = IntGen.class, conf = "1:2")
public class EngineLincheckTest {
  private final Map<String, String> database = new ConcurrentHashMap<>();
  private final TieredCache<String, String> cache;
  private final BulkCache<String, String> bulk;

  public EngineLincheckTest() {
    Engine engine = Engine.create(key -> database.getOrDefault(key, origin(key)));
    cache = engine.cache();
    bulk = engine.bulk();
  }

  /**
   * A new cache with a memory tier behind L1, its bulk reads, and the runtime they are in; the
   * origin never changes.
   */
  record Engine(TieredCache<String, String> cache, BulkCache<String, String> bulk,
      TieredRuntime runtime) {
    static Engine create() {
      return create(EngineLincheckTest::origin);
    }

    /** As {@link #create()}, in front of {@code origin}. */
    static Engine create(Function<String, String> origin) {
      return create(origin, KeyTags.none());
    }

    /** As {@link #create(Function)}, its entries tagged with {@code tags}. */
    static Engine create(Function<String, String> origin, KeyTags<String> tags) {
      TieredRuntime.Builder builder = TieredRuntime.builder()
          .clock(new ManualClock())
          .tier("shared", Tiers.memory());
      builder.tagRegistry = TagRegistry.strong(); // no GC in the replayed steps
      TieredRuntime runtime = builder.build();
      CacheDefinition<String, String> definition =
          CacheDefinition.<String, String>builder("Lincheck.get", String.class, String.class)
              .fallback("shared", null, true)
              .tags(tags)
              .build();
      TieredCache<String, String> cache = runtime.cache(definition, origin::apply);
      return new Engine(cache, runtime.bulk(cache, keys -> {
        Map<String, String> values = new LinkedHashMap<>();
        keys.forEach(key -> values.put(key, origin.apply(key)));
        return values;
      }), runtime);
    }
  }

  static String key(int key) {
    return "k" + key;
  }

  static String origin(String key) {
    return "origin-" + key;
  }

  static String value(int value) {
    return "put-" + value;
  }

  static String updated(int value) {
    return "updated-" + value;
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

  /** A write of the database, then an invalidate of its key. */
  @Operation
  public void update(@Param(name = "key") int key, @Param(name = "value") int value) {
    database.put(key(key), updated(value));
    cache.invalidate(key(key));
  }

  @Operation
  public void invalidate(@Param(name = "key") int key) {
    cache.invalidate(key(key));
  }

  @Test
  void modelChecking() throws NoSuchMethodException {
    ModelCheckingOptions options = new ModelCheckingOptions()
        .iterations(3)
        .invocationsPerIteration(200)
        .threads(2)
        .actorsPerThread(3)
        .actorsBefore(1)
        .actorsAfter(1)
        // A caller joining a load parks until the loading thread is done, which iterates JDK hash
        // maps of 16 buckets on the way: with the defaults (a switch every 10 iterations, a
        // livelock past 50), the parked thread's wake-ups were reported as a hang.
        .loopIterationsBeforeThreadSwitch(40)
        .loopBound(200)
        .sequentialSpecification(Specification.class);
    for (ExecutionScenario found : foundHistories()) {
      options.addCustomScenario(found);
    }
    options.check(EngineLincheckTest.class);
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
        .check(EngineLincheckTest.class);
  }

  /**
   * The scenarios of the non-linearizable histories Lincheck found in the engine (see
   * {@link PutOrderingTest}), each explored first: a lost put, a put landing after an invalidate
   * that followed a read of it, and a load landing over a put.
   */
  private static List<ExecutionScenario> foundHistories() throws NoSuchMethodException {
    Actor put01 = actor("put", 0, 1);
    Actor get0 = actor("get", 0);
    return List.of(
        scenario(List.of(List.of(put01), List.of(actor("put", 0, 2))), List.of(get0)),
        scenario(List.of(List.of(put01), List.of(actor("update", 0, 1))), List.of(get0)),
        scenario(List.of(List.of(put01), List.of(get0)), List.of(actor("bulkGet", 0))),
        scenario(List.of(List.of(put01), List.of(get0, actor("invalidate", 0))),
            List.of(actor("bulkGet", 0))),
        scenario(List.of(List.of(get0), List.of(actor("put", 0, 2))), List.of(get0)));
  }

  /** A scenario of {@code threads} in parallel, then {@code after}. */
  static ExecutionScenario scenario(List<List<Actor>> threads, List<Actor> after) {
    return new ExecutionScenario(List.of(), threads, after, null);
  }

  private static Actor actor(String operation, Object... arguments) throws NoSuchMethodException {
    return actor(EngineLincheckTest.class, operation, arguments);
  }

  /** A call of {@code test}'s operation with int parameters. */
  static Actor actor(Class<?> test, String operation, Object... arguments)
      throws NoSuchMethodException {
    Class<?>[] types = new Class<?>[arguments.length];
    Arrays.fill(types, int.class);
    Method method = test.getMethod(operation, types);
    return new Actor(method, List.of(arguments));
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

    public void update(int key, int value) {
      database.put(key(key), updated(value));
    }

    public void invalidate(int key) {}
  }
}
