package io.tiered.runtime;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.SECONDS;

import io.tiered.runtime.testing.MockTier.Operation;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Invalidate, put and clear reach every tier, and beat loads that started before them. */
class InvalidationTest {
  private final Harness harness = new Harness();

  private TieredCache<String, String> cacheWithSharedTier() {
    return harness.cache(Harness.definition().fallback("shared", null, true).build());
  }

  @Test
  void invalidateReachesEveryTier() {
    TieredCache<String, String> cache = cacheWithSharedTier();
    cache.get("a");

    cache.invalidate("a");
    cache.get("a");

    assertThat(harness.originCalls.get()).isEqualTo(2);
    assertThat(harness.shared.operations(Operation.Kind.INVALIDATE))
        .containsExactly(new Operation(Operation.Kind.INVALIDATE, "Test.get", "a"));
  }

  @Test
  void invalidateAllOfKeysRemovesJustThoseFromEveryTier() {
    TieredCache<String, String> cache = cacheWithSharedTier();
    cache.get("a");
    cache.get("b");
    cache.get("c");

    cache.invalidateAll(Arrays.asList("a", null, "b"));
    cache.get("a");
    cache.get("c");

    assertThat(harness.originCalls.get()).isEqualTo(4); // a twice, b and c once
    assertThat(harness.shared.operations(Operation.Kind.INVALIDATE)).containsExactly(
        new Operation(Operation.Kind.INVALIDATE, "Test.get", "a"),
        new Operation(Operation.Kind.INVALIDATE, "Test.get", "b"));
    assertThat(harness.shared.peek("Test.get", "c").value()).isNotNull();
  }

  @Test
  void invalidateAllClearsEveryTier() {
    TieredCache<String, String> cache = cacheWithSharedTier();
    cache.get("a");
    cache.get("b");

    cache.invalidateAll();

    assertThat(harness.shared.size("Test.get")).isEqualTo(0);
    assertThat(harness.shared.operations(Operation.Kind.CLEAR)).hasSize(1);
    assertThat(cache.stats().tier(CacheEvent.L1).size()).hasValue(0);
  }

  @Test
  void putWritesEveryTierAndIsServedWithoutTheOrigin() {
    TieredCache<String, String> cache = cacheWithSharedTier();

    cache.put("a", "written");

    assertThat(cache.get("a")).isEqualTo("written");
    assertThat(harness.shared.peek("Test.get", "a").value()).isEqualTo("written");
    assertThat(harness.originCalls.get()).isEqualTo(0);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void loadStartedBeforeAnInvalidateDoesNotWriteItsValueBack(boolean batch) throws Exception {
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    TieredCache<String, String> cache = harness.runtime.cache(
        Harness.definition().fallback("shared", null, true).build(), key -> {
          harness.originCalls.incrementAndGet();
          loading.countDown();
          release.await();
          return "before-invalidate";
        });
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<String> caller = threads.submit(() -> cache.get("a"));
      assertThat(loading.await(5, SECONDS)).isTrue();

      if (batch) {
        cache.invalidateAll(List.of("z", "a"));
      } else {
        cache.invalidate("a");
      }
      release.countDown();

      assertThat(caller.get(5, SECONDS)).isEqualTo("before-invalidate"); // its caller still gets it
    }
    assertThat(harness.shared.peek("Test.get", "a")).isNull();
    assertThat(cache.stats().tier(CacheEvent.L1).size()).hasValue(0);
  }

  @Test
  void upstreamInvalidationFromATierDropsOnlyTheTiersInFrontOfIt() {
    CompletableFuture<TierSpec<Object, Object>> specs = new CompletableFuture<>();
    TierFactory capturing = new TierFactory() {
      @Override
      @SuppressWarnings("unchecked")
      public <K, V> CacheTier<K, V> create(TierSpec<K, V> spec) {
        specs.complete((TierSpec<Object, Object>) (TierSpec<?, ?>) spec);
        return harness.shared.factory().create(spec);
      }
    };
    Harness peer = new Harness(TieredRuntime.builder().tier("remote", capturing));
    TieredCache<String, String> cache = peer.cache(Harness.definition()
        .fallback("remote", null, true).build());
    cache.get("a");
    harness.shared.clearOperations();

    specs.join().upstream().invalidate("a");
    cache.get("a");

    // L1 forgot the key; the remote tier kept it and served it.
    assertThat(peer.originCalls.get()).isEqualTo(1);
    assertThat(harness.shared.operations()).containsExactly(
        new Operation(Operation.Kind.GET, "Test.get", "a"));
  }
}
