package io.tiered.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tiered.runtime.internal.CacheDefinition;
import io.tiered.runtime.testing.MockTier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * A fallback tier that lets one instance at a time fill a key (a lease, as the Redis tier's) may
 * refuse a load's value ({@link CacheTier#putLoaded}): the value then reaches its callers and no
 * tier. A load that writes nothing, or that an invalidate dropped, tells the tier
 * ({@link CacheTier#loadAbandoned}).
 */
class RefusedFillTest {
  private final ClaimingTier leased = new ClaimingTier();
  private final MockTier<Object, Object> behind = MockTier.create();
  private final List<CacheEvent> events = new CopyOnWriteArrayList<>();
  private final TieredRuntime runtime = TieredRuntime.builder()
      .tier("leased", Harness.factoryOf(leased))
      .tier("behind", behind.factory())
      .listener(events::add)
      .build();
  private final AtomicInteger originCalls = new AtomicInteger();

  private TieredCache<String, String> cache(java.util.function.Function<String, String> origin) {
    return runtime.cache(CacheDefinition.<String, String>builder("Test.get", String.class,
            String.class).fallback("leased", null, true).fallback("behind", null, true).build(),
        key -> {
          originCalls.incrementAndGet();
          return origin.apply(key);
        });
  }

  @Test
  void aRefusedFillReachesItsCallerAndNoTier() {
    TieredCache<String, String> cache = cache(key -> "v" + originCalls.get());
    leased.refuse.set(true);

    assertThat(cache.get("a")).isEqualTo("v1");

    assertThat(leased.values).isEmpty();
    assertThat(behind.peek("Test.get", "a")).isNull(); // the tiers after it are not written
    assertThat(events.stream().filter(e -> e.kind() == CacheEvent.Kind.INSERT_REJECTED)
        .map(CacheEvent::tier).toList()).containsExactly("leased");
    leased.refuse.set(false);
    assertThat(cache.get("a")).isEqualTo("v2"); // nor L1: the next call loads again
    assertThat(leased.values).containsEntry("a", "v2");
  }

  @Test
  void anAcceptedFillIsWrittenWithPutLoadedAndAPutWithPut() {
    TieredCache<String, String> cache = cache(key -> "loaded");
    cache.get("a");
    cache.put("b", "written");

    assertThat(leased.calls).containsExactly("get a", "putLoaded a", "put b").inOrder();
    assertThat(cache.get("a")).isEqualTo("loaded");
    assertThat(originCalls.get()).isEqualTo(1);
  }

  @Test
  void aLoadThatWritesNothingAbandonsItsClaim() {
    TieredCache<String, String> nulls = cache(key -> null);
    assertThat(nulls.get("a")).isNull();
    TieredCache<String, String> failing = runtime.cache(CacheDefinition.<String, String>builder(
        "Test.fail", String.class, String.class).fallback("leased", null, true).build(), key -> {
          throw new IllegalStateException("origin down");
        });
    try {
      failing.get("b");
    } catch (IllegalStateException expected) {
      // the origin's own exception
    }

    assertThat(leased.calls).containsExactly("get a", "loadAbandoned a", "get b",
        "loadAbandoned b").inOrder();
  }

  @Test
  void aLoadThatAnInvalidateDroppedAbandonsItsClaim() throws Exception {
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    TieredCache<String, String> cache = cache(key -> {
      loading.countDown();
      try {
        finish.await();
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
      return "old";
    });
    CompletableFuture<String> load = CompletableFuture.supplyAsync(() -> cache.get("a"));
    assertThat(loading.await(5, TimeUnit.SECONDS)).isTrue();
    cache.invalidate("a");
    finish.countDown();

    assertThat(load.get(5, TimeUnit.SECONDS)).isEqualTo("old");
    assertThat(leased.calls).containsExactly("get a", "loadAbandoned a").inOrder();
    assertThat(leased.values).isEmpty();
  }

  @Test
  void aLoadTheInsertPolicyKeepsOutOfTheTierAbandonsItsClaim() {
    try (TieredRuntime keepsOut = TieredRuntime.builder()
        .tier("leased", Harness.factoryOf(leased))
        .insertPolicy((cacheName, tier, key, entry) -> !tier.equals("leased"))
        .build()) {
      TieredCache<String, String> cache = keepsOut.cache(CacheDefinition.<String, String>builder(
          "Test.get", String.class, String.class).fallback("leased", null, true).build(), k -> "v");

      assertThat(cache.get("a")).isEqualTo("v");
      assertThat(leased.calls).containsExactly("get a", "loadAbandoned a").inOrder();
    }
  }

  /** A cache reading "leased", then {@code behindTier} of {@code in}, with the given settings. */
  private static TieredCache<String, String> cache(TieredRuntime in, @Nullable Duration leasedTtl,
      String behindTier, boolean promoteBehind) {
    return in.cache(CacheDefinition.<String, String>builder("Test.get", String.class,
            String.class).fallback("leased", leasedTtl, true)
        .fallback(behindTier, null, promoteBehind).build(), key -> "from origin");
  }

  @Test
  void aHitInATierThatIsNotPromotedEndsTheClaimOfTheTierInFrontOfIt() {
    behind.seed("Test.get", "a", CacheEntry.of("behind", Instant.now(), null));

    assertThat(cache(runtime, null, "behind", false).get("a")).isEqualTo("behind");
    assertThat(leased.calls).containsExactly("get a", "loadAbandoned a").inOrder();
  }

  @Test
  void aHitTooOldForTheTierInFrontOfItEndsThatTiersClaim() {
    behind.seed("Test.get", "a",
        CacheEntry.of("behind", Instant.now().minus(Duration.ofHours(1)), null));

    assertThat(cache(runtime, Duration.ofMinutes(1), "behind", true).get("a"))
        .isEqualTo("behind");
    assertThat(leased.calls).containsExactly("get a", "loadAbandoned a").inOrder();
  }

  @Test
  void aRefusedFillEndsTheClaimsOfTheTiersAfterIt() {
    ClaimingTier after = new ClaimingTier();
    try (TieredRuntime twoClaiming = TieredRuntime.builder()
        .tier("leased", Harness.factoryOf(leased))
        .tier("after", Harness.factoryOf(after))
        .build()) {
      leased.refuse.set(true);

      assertThat(cache(twoClaiming, null, "after", true).get("a")).isEqualTo("from origin");
      assertThat(after.calls).containsExactly("get a", "loadAbandoned a").inOrder();
      assertThat(after.values).isEmpty();
    }
  }

  @Test
  void aRefusedPromotionLeavesNoCopyInL1() {
    behind.seed("Test.get", "a", CacheEntry.of("old", Instant.now(), null));
    TieredCache<String, String> cache = cache(runtime, null, "behind", true);
    leased.refuse.set(true);
    assertThat(cache.get("a")).isEqualTo("old"); // its caller still gets it

    behind.seed("Test.get", "a", CacheEntry.of("new", Instant.now(), null));
    leased.refuse.set(false);
    assertThat(cache.get("a")).isEqualTo("new"); // read through again, not L1's refused copy
  }

  @Test
  void aLoadThatThrowsUnexpectedlyEndsItsClaims() {
    CacheTier<String, String> broken = new CacheTier<>() {
      @Override
      public @Nullable CacheEntry<String> get(String key) {
        throw new AssertionError("a bug in a tier");
      }

      @Override
      public void put(String key, CacheEntry<String> entry) {}

      @Override
      public void invalidate(String key) {}

      @Override
      public void clear() {}
    };
    try (TieredRuntime withBroken = TieredRuntime.builder()
        .tier("leased", Harness.factoryOf(leased))
        .tier("broken", Harness.factoryOf(broken))
        .build()) {
      TieredCache<String, String> cache = cache(withBroken, null, "broken", true);

      assertThrows(AssertionError.class, () -> cache.get("a"));
      assertThat(leased.calls).containsExactly("get a", "loadAbandoned a").inOrder();
    }
  }

  /** Records calls; refuses every load's value while {@link #refuse} is set. */
  private static final class ClaimingTier implements CacheTier<String, String> {
    final AtomicBoolean refuse = new AtomicBoolean();
    final Map<String, String> values = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public @Nullable CacheEntry<String> get(String key) {
      calls.add("get " + key);
      String value = values.get(key);
      return value == null ? null : CacheEntry.of(value, java.time.Instant.EPOCH, null);
    }

    @Override
    public void put(String key, CacheEntry<String> entry) {
      calls.add("put " + key);
      values.put(key, entry.value());
    }

    @Override
    public boolean putLoaded(String key, CacheEntry<String> entry, Object load) {
      calls.add("putLoaded " + key);
      if (refuse.get()) {
        return false;
      }
      values.put(key, entry.value());
      return true;
    }

    @Override
    public void loadAbandoned(String key, Object load) {
      calls.add("loadAbandoned " + key);
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
