package io.tiered.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tiered.runtime.internal.BulkCache;
import io.tiered.runtime.internal.BulkLoader;
import io.tiered.runtime.internal.CacheDefinition;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The bulk side of {@link RefusedFillTest}: a bulk load reads a claiming tier (a lease per key, as
 * the Redis tier's) with each key's own load ({@link CacheTier#getAllForLoad}), writes it under
 * those loads ({@link CacheTier#putAllLoaded}, which may refuse some keys), offers the keys an
 * invalidate dropped ({@link CacheTier#putAllFromDroppedLoads}), and tells the tier of every key
 * it does not write ({@link CacheTier#loadsAbandoned}).
 */
class RefusedBulkFillTest {
  private final ClaimingBulkTier leased = new ClaimingBulkTier();
  private final List<CacheEvent> events = new CopyOnWriteArrayList<>();
  private final TieredRuntime runtime = TieredRuntime.builder()
      .tier("leased", Tiers.withTimeout(Harness.factoryOf(leased), java.time.Duration.ofSeconds(5)))
      .listener(events::add)
      .build();
  private final TieredCache<String, String> cache = runtime.cache(
      CacheDefinition.<String, String>builder("Test.get", String.class, String.class)
          .fallback("leased", null, true).build(),
      key -> "single");
  private final List<List<String>> originCalls = new CopyOnWriteArrayList<>();

  private BulkCache<String, String> bulk(BulkLoader<String, String> origin) {
    return runtime.bulk(cache, keys -> {
      originCalls.add(List.copyOf(keys));
      return origin.load(keys);
    });
  }

  private static Map<String, String> valuesOf(List<String> keys) {
    Map<String, String> values = new java.util.LinkedHashMap<>();
    keys.forEach(key -> values.put(key, key + "-v1"));
    return values;
  }

  @Test
  void eachKeyIsReadAndWrittenUnderItsOwnLoad() {
    BulkCache<String, String> bulk = bulk(RefusedBulkFillTest::valuesOf);

    assertThat(bulk.getAll(List.of("a", "b"))).containsExactly("a", "a-v1", "b", "b-v1");

    assertThat(leased.calls).containsExactly("getAllForLoad [a, b]", "putAllLoaded [a, b]")
        .inOrder();
    assertThat(leased.readBy.get("a")).isNotSameInstanceAs(leased.readBy.get("b"));
    assertThat(leased.writtenBy.get("a")).isSameInstanceAs(leased.readBy.get("a"));
    assertThat(leased.writtenBy.get("b")).isSameInstanceAs(leased.readBy.get("b"));
    assertThat(leased.values).containsExactly("a", "a-v1", "b", "b-v1");
  }

  @Test
  void aRefusedKeyReachesItsCallerAndNoTierNorL1() {
    BulkCache<String, String> bulk = bulk(RefusedBulkFillTest::valuesOf);
    leased.refuse.add("a");

    assertThat(bulk.getAll(List.of("a", "b"))).containsExactly("a", "a-v1", "b", "b-v1");

    assertThat(leased.values).containsExactly("b", "b-v1");
    assertThat(events.stream().filter(e -> e.kind() == CacheEvent.Kind.INSERT_REJECTED)
        .map(CacheEvent::tier).toList()).containsExactly("leased");
    leased.refuse.clear();
    assertThat(bulk.getAll(List.of("a", "b"))).containsExactly("a", "a-v1", "b", "b-v1");
    assertThat(originCalls).containsExactly(List.of("a", "b"), List.of("a")).inOrder();
  }

  @Test
  void keysTheOriginLeavesOutAreAbandoned() {
    BulkCache<String, String> bulk = bulk(keys -> Map.of("a", "a-v1"));

    assertThat(bulk.getAll(List.of("a", "b"))).containsExactly("a", "a-v1");

    assertThat(leased.calls).containsExactly("getAllForLoad [a, b]", "putAllLoaded [a]",
        "loadsAbandoned [b]").inOrder();
    assertThat(leased.abandonedBy.get("b")).isSameInstanceAs(leased.readBy.get("b"));
  }

  @Test
  void aFailedBulkLoadAbandonsEveryKey() {
    BulkCache<String, String> bulk = bulk(keys -> {
      throw new IllegalStateException("origin down");
    });

    assertThrows(IllegalStateException.class, () -> bulk.getAll(List.of("a", "b")));

    assertThat(leased.calls).containsExactly("getAllForLoad [a, b]", "loadsAbandoned [a, b]")
        .inOrder();
    assertThat(leased.abandonedBy.get("a")).isSameInstanceAs(leased.readBy.get("a"));
  }

  @Test
  void aKeyAnInvalidateDroppedIsOfferedAsDroppedAndAbandonedWhenNotStored() throws Exception {
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    BulkCache<String, String> bulk = bulk(keys -> {
      loading.countDown();
      finish.await(5, TimeUnit.SECONDS);
      return valuesOf(keys);
    });
    CompletableFuture<Map<String, String>> load =
        CompletableFuture.supplyAsync(() -> bulk.getAll(List.of("a", "b")));
    assertThat(loading.await(5, TimeUnit.SECONDS)).isTrue();
    cache.invalidate("a");
    finish.countDown();

    assertThat(load.get(5, TimeUnit.SECONDS)).containsExactly("a", "a-v1", "b", "b-v1");
    assertThat(leased.calls).containsExactly("getAllForLoad [a, b]", "putAllLoaded [b]",
        "putAllFromDroppedLoads [a]", "loadsAbandoned [a]").inOrder();
    assertThat(leased.values).containsExactly("b", "b-v1");
  }

  /**
   * Records the batch calls and which load each key came with; refuses the keys of
   * {@link #refuse}; stores no dropped load's value.
   */
  private static final class ClaimingBulkTier implements CacheTier<String, String> {
    final Set<String> refuse = ConcurrentHashMap.newKeySet();
    final Map<String, String> values = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final Map<String, Object> readBy = new ConcurrentHashMap<>();
    final Map<String, Object> writtenBy = new ConcurrentHashMap<>();
    final Map<String, Object> abandonedBy = new ConcurrentHashMap<>();

    private void record(String call, Set<? extends String> keys) {
      calls.add(call + " " + new TreeSet<>(keys));
    }

    @Override
    public @Nullable CacheEntry<String> get(String key) {
      throw new AssertionError("bulk loads read with getAllForLoad");
    }

    @Override
    public Map<String, CacheEntry<String>> getAllForLoad(Map<? extends String, ?> loads) {
      record("getAllForLoad", loads.keySet());
      Map<Object, Boolean> distinct = new IdentityHashMap<>();
      loads.forEach((key, load) -> {
        readBy.put(key, load);
        assertThat(distinct.put(load, true)).isNull();
      });
      return Map.of();
    }

    @Override
    public Set<String> putAllLoaded(Map<? extends String, CacheEntry<String>> entries,
        Map<? extends String, ?> loads) {
      record("putAllLoaded", entries.keySet());
      Set<String> refused = new TreeSet<>();
      entries.forEach((key, entry) -> {
        writtenBy.put(key, loads.get(key));
        if (refuse.contains(key)) {
          refused.add(key);
        } else {
          values.put(key, entry.value());
        }
      });
      return refused;
    }

    @Override
    public Set<String> putAllFromDroppedLoads(Map<? extends String, CacheEntry<String>> entries,
        Map<? extends String, ?> loads) {
      record("putAllFromDroppedLoads", entries.keySet());
      return Set.of();
    }

    @Override
    public void loadsAbandoned(Map<? extends String, ?> loads) {
      record("loadsAbandoned", loads.keySet());
      abandonedBy.putAll(loads);
    }

    @Override
    public void put(String key, CacheEntry<String> entry) {
      calls.add("put " + key);
      values.put(key, entry.value());
    }

    @Override
    public void invalidate(String key) {
      values.remove(key);
    }

    @Override
    public void clear() {
      values.clear();
    }
  }
}
