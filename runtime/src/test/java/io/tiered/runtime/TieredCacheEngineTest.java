package io.tiered.runtime;

import static com.google.common.truth.Truth.assertThat;
import static io.tiered.runtime.CacheEvent.Kind.ERROR;
import static io.tiered.runtime.CacheEvent.Kind.EXPIRED;
import static io.tiered.runtime.CacheEvent.Kind.HIT;
import static io.tiered.runtime.CacheEvent.Kind.INSERTED;
import static io.tiered.runtime.CacheEvent.Kind.INSERT_REJECTED;
import static io.tiered.runtime.CacheEvent.Kind.LOADED;
import static io.tiered.runtime.CacheEvent.Kind.MISS;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tiered.runtime.internal.CacheDefinition;
import io.tiered.runtime.internal.Types;
import io.tiered.runtime.testing.MockTier.Operation;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Semantics 1, 3, 5 and 6 of the design: hits, the fallback chain, failing tiers, what is cached. */
class TieredCacheEngineTest {
  private final Harness harness = new Harness();

  @Test
  void freshHitIsServedFromL1WithoutCallingTheOrigin() {
    TieredCache<String, String> cache = harness.cache(Harness.definition().build());

    assertThat(cache.get("a")).isEqualTo("value-of-a");
    assertThat(cache.get("a")).isEqualTo("value-of-a");

    assertThat(harness.originCalls.get()).isEqualTo(1);
    assertThat(harness.kinds(CacheEvent.L1)).containsExactly(MISS, INSERTED, HIT).inOrder();
    assertThat(cache.stats().tier(CacheEvent.L1).hits()).isEqualTo(1);
    assertThat(cache.stats().loads()).isEqualTo(1);
  }

  @Test
  void entryOlderThanTtlIsReloaded() {
    TieredCache<String, String> cache =
        harness.cache(Harness.definition().ttl(Duration.ofMinutes(5)).build());
    cache.get("a");

    harness.clock.advance(Duration.ofMinutes(4));
    cache.get("a");
    assertThat(harness.originCalls.get()).isEqualTo(1);

    harness.clock.advance(Duration.ofMinutes(2));
    cache.get("a");
    assertThat(harness.originCalls.get()).isEqualTo(2);
    assertThat(harness.kinds(CacheEvent.L1)).contains(CacheEvent.Kind.EVICTED_EXPIRED);
  }

  @Test
  void missGoesThroughFallbackTiersInOrderThenOrigin() {
    TieredCache<String, String> cache = harness.cache(
        Harness.definition().fallback("shared", Duration.ofHours(1), true).build());

    assertThat(cache.get("a")).isEqualTo("value-of-a");

    assertThat(harness.shared.operations()).containsExactly(
        new Operation(Operation.Kind.GET, "Test.get", "a"),
        new Operation(Operation.Kind.PUT, "Test.get", "a")).inOrder();
    CacheEntry<Object> stored = harness.shared.peek("Test.get", "a");
    assertThat(stored.value()).isEqualTo("value-of-a");
    assertThat(stored.ttl()).hasValue(Duration.ofHours(1));
  }

  @Test
  void fallbackHitIsPromotedIntoL1() {
    harness.shared.seed("Test.get", "a", CacheEntry.of("from-shared", harness.clock.instant(), null));
    TieredCache<String, String> cache = harness.cache(
        Harness.definition().fallback("shared", null, true).build());

    assertThat(cache.get("a")).isEqualTo("from-shared");
    assertThat(cache.get("a")).isEqualTo("from-shared");

    assertThat(harness.originCalls.get()).isEqualTo(0);
    assertThat(harness.shared.operations(Operation.Kind.GET)).hasSize(1);
    assertThat(harness.kinds(CacheEvent.L1)).containsExactly(MISS, INSERTED, HIT).inOrder();
  }

  @Test
  void fallbackHitIsNotPromotedWhenPromoteIsFalse() {
    harness.shared.seed("Test.get", "a", CacheEntry.of("from-shared", harness.clock.instant(), null));
    TieredCache<String, String> cache = harness.cache(
        Harness.definition().fallback("shared", null, false).build());

    cache.get("a");
    cache.get("a");

    assertThat(harness.originCalls.get()).isEqualTo(0);
    assertThat(harness.shared.operations(Operation.Kind.GET)).hasSize(2);
    assertThat(harness.kinds(CacheEvent.L1)).containsExactly(MISS, MISS);
  }

  @Test
  void promotedEntryKeepsItsAgeSoL1TtlBoundsIt() {
    Instant longAgo = harness.clock.instant();
    harness.shared.seed("Test.get", "a", CacheEntry.of("old", longAgo, Duration.ofHours(1)));
    harness.clock.advance(Duration.ofMinutes(10));
    TieredCache<String, String> cache = harness.cache(Harness.definition()
        .ttl(Duration.ofMinutes(5)).fallback("shared", Duration.ofHours(1), true).build());

    assertThat(cache.get("a")).isEqualTo("old");

    // Older than L1's ttl: served, but never copied into L1.
    assertThat(harness.kinds(CacheEvent.L1)).containsExactly(MISS);
  }

  @Test
  void expiredFallbackEntryIsAMiss() {
    harness.shared.seed("Test.get", "a",
        CacheEntry.of("old", harness.clock.instant(), Duration.ofSeconds(1)));
    harness.clock.advance(Duration.ofSeconds(2));
    TieredCache<String, String> cache =
        harness.cache(Harness.definition().fallback("shared", null, true).build());

    assertThat(cache.get("a")).isEqualTo("value-of-a");
    assertThat(harness.kinds("shared")).containsAtLeast(EXPIRED, INSERTED).inOrder();
  }

  @Test
  void insertPolicyCanKeepValuesOutOfATier() {
    Harness rejecting = new Harness(TieredRuntime.builder()
        .insertPolicy((cache, tier, key, entry) -> !tier.equals("shared")));
    TieredCache<String, String> cache =
        rejecting.cache(Harness.definition().fallback("shared", null, true).build());

    assertThat(cache.get("a")).isEqualTo("value-of-a");
    cache.get("a");

    assertThat(rejecting.shared.operations(Operation.Kind.PUT)).isEmpty();
    assertThat(rejecting.kinds("shared")).containsExactly(MISS, INSERT_REJECTED).inOrder();
    assertThat(rejecting.kinds(CacheEvent.L1)).contains(HIT);
    assertThat(cache.stats().tier("shared").insertsRejected()).isEqualTo(1);
  }

  @Test
  void failingFallbackTierDegradesToTheOrigin() {
    IllegalStateException down = new IllegalStateException("redis down");
    harness.shared.failAll(down);
    TieredCache<String, String> cache =
        harness.cache(Harness.definition().fallback("shared", null, true).build());

    assertThat(cache.get("a")).isEqualTo("value-of-a");
    cache.invalidate("a");
    assertThat(cache.get("a")).isEqualTo("value-of-a");

    assertThat(harness.originCalls.get()).isEqualTo(2);
    assertThat(harness.events(ERROR)).isNotEmpty();
    assertThat(harness.events(ERROR).get(0).error()).isSameInstanceAs(down);
    assertThat(cache.stats().tier("shared").errors()).isAtLeast(4); // get, put, invalidate, get
    assertThat(harness.kinds(CacheEvent.L1)).contains(INSERTED);
  }

  @Test
  void tierRecoversOnceItHeals() {
    harness.shared.failAll(new IllegalStateException("down"));
    TieredCache<String, String> cache =
        harness.cache(Harness.definition().fallback("shared", null, true).build());
    cache.get("a");
    harness.shared.heal();

    cache.get("b");

    assertThat(harness.shared.peek("Test.get", "b")).isNotNull();
  }

  @Test
  void originExceptionsReachTheCallerUnchangedAndAreNotCached() {
    IOException failure = new IOException("origin down");
    AtomicInteger calls = new AtomicInteger();
    TieredCache<String, String> cache = harness.runtime.cache(Harness.definition().build(), key -> {
      calls.incrementAndGet();
      throw failure;
    });

    IOException thrown = assertThrows(IOException.class, () -> cache.get("a"));
    assertThrows(IOException.class, () -> cache.get("a"));

    assertThat(thrown).isSameInstanceAs(failure);
    assertThat(calls.get()).isEqualTo(2);
    assertThat(cache.stats().loadFailures()).isEqualTo(2);
  }

  @Test
  void aNullKeyBypassesEveryTier() {
    TieredCache<String, String> cache =
        harness.cache(Harness.definition().fallback("shared", null, true).build());

    assertThat(cache.get(null)).isEqualTo("value-of-null");
    assertThat(cache.get(null)).isEqualTo("value-of-null");
    cache.put(null, "ignored");
    cache.invalidate(null);

    assertThat(harness.originCalls.get()).isEqualTo(2);
    assertThat(harness.shared.operations()).isEmpty();
    assertThat(cache.stats().tier(CacheEvent.L1).requests()).isEqualTo(0);
  }

  @Test
  void puttingNullInvalidatesUnlessNullsAreCached() {
    TieredCache<String, String> cache =
        harness.cache(Harness.definition().fallback("shared", null, true).build());
    cache.get("a");

    cache.put("a", null);

    assertThat(cache.get("a")).isEqualTo("value-of-a");
    assertThat(harness.originCalls.get()).isEqualTo(2);
  }

  @Test
  void nullIsNotCachedByDefault() {
    AtomicInteger calls = new AtomicInteger();
    TieredCache<String, String> cache = harness.runtime.cache(Harness.definition()
        .fallback("shared", null, true).build(), key -> {
          calls.incrementAndGet();
          return null;
        });

    assertThat(cache.get("a")).isNull();
    assertThat(cache.get("a")).isNull();

    assertThat(calls.get()).isEqualTo(2);
    assertThat(harness.shared.operations(Operation.Kind.PUT)).isEmpty();
  }

  @Test
  void nullIsCachedWhenAsked() {
    AtomicInteger calls = new AtomicInteger();
    TieredCache<String, String> cache =
        harness.runtime.cache(Harness.definition().cacheNulls(true).build(), key -> {
          calls.incrementAndGet();
          return null;
        });

    assertThat(cache.get("a")).isNull();
    assertThat(cache.get("a")).isNull();

    assertThat(calls.get()).isEqualTo(1);
  }

  @Test
  void emptyOptionalIsNotCachedButPresentOneIs() {
    AtomicInteger calls = new AtomicInteger();
    TieredCache<String, Optional<String>> cache = harness.runtime.cache(
        CacheDefinition.<String, Optional<String>>builder("Test.find", String.class,
            Types.parameterized(Optional.class, String.class)).build(),
        key -> {
          calls.incrementAndGet();
          return key.isEmpty() ? Optional.empty() : Optional.of(key);
        });

    cache.get("");
    cache.get("");
    cache.get("x");
    cache.get("x");

    assertThat(calls.get()).isEqualTo(3);
  }

  @Test
  void nullKeyBypassesTheCache() {
    TieredCache<String, String> cache = harness.cache(Harness.definition().build());

    assertThat(cache.get(null)).isEqualTo("value-of-null");
    assertThat(cache.get(null)).isEqualTo("value-of-null");

    assertThat(harness.originCalls.get()).isEqualTo(2);
  }
}
