package io.tiered.runtime;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;

import io.tiered.runtime.internal.CacheDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link TieredRuntime#invalidateTag}: every entry carrying the tag is invalid, in every cache and
 * tier of the runtime, and a load, refresh or put begun before lands nowhere it is served from.
 */
class TagInvalidationTest {
  /** The origin's data: a version per product, which a write moves on before invalidating. */
  private final Map<String, Integer> versions = new ConcurrentHashMap<>();
  private final AtomicInteger priceCalls = new AtomicInteger();
  private final AtomicInteger stockCalls = new AtomicInteger();
  private final Harness harness = new Harness();

  @AfterEach
  void close() {
    harness.runtime.close();
  }

  /** Tags "product:{sku}" and "catalog". */
  private static final KeyTags<String> PRODUCT = sku -> List.of("product:" + sku, "catalog");

  private CacheDefinition.Builder<String, String> tagged(String name) {
    return CacheDefinition.<String, String>builder(name, String.class, String.class)
        .ttl(Duration.ofMinutes(10)).tags(PRODUCT);
  }

  private String current(String sku) {
    return sku + "@v" + versions.getOrDefault(sku, 0);
  }

  private TieredCache<String, String> prices(CacheDefinition.Builder<String, String> definition) {
    return harness.runtime.cache(definition.build(), sku -> {
      priceCalls.incrementAndGet();
      return "price of " + current(sku);
    });
  }

  private TieredCache<String, String> stocks(CacheDefinition.Builder<String, String> definition) {
    return harness.runtime.cache(definition.build(), sku -> {
      stockCalls.incrementAndGet();
      return "stock of " + current(sku);
    });
  }

  private void write(String sku) {
    versions.merge(sku, 1, Integer::sum);
    harness.runtime.invalidateTag("product:" + sku);
  }

  @Test
  void invalidatesEveryCacheSharingTheTagAndNothingElse() {
    TieredCache<String, String> prices = prices(tagged("Prices.price"));
    TieredCache<String, String> stocks = stocks(tagged("Stocks.stock"));
    prices.get("a");
    prices.get("b");
    stocks.get("a");

    write("a");

    assertThat(prices.get("a")).isEqualTo("price of a@v1");
    assertThat(stocks.get("a")).isEqualTo("stock of a@v1");
    assertThat(prices.get("b")).isEqualTo("price of b@v0"); // another product: still cached
    assertThat(priceCalls.get()).isEqualTo(3);
    assertThat(stockCalls.get()).isEqualTo(2);
  }

  @Test
  void aSharedTagInvalidatesEveryKey() {
    TieredCache<String, String> prices = prices(tagged("Prices.price"));
    prices.get("a");
    prices.get("b");

    harness.runtime.invalidateTag("catalog");
    prices.get("a");
    prices.get("b");

    assertThat(priceCalls.get()).isEqualTo(4);
  }

  @Test
  void aTagNobodyCarriesChangesNothing() {
    TieredCache<String, String> prices = prices(tagged("Prices.price"));
    prices.get("a");

    harness.runtime.invalidateTag("product:zzz");
    prices.get("a");

    assertThat(priceCalls.get()).isEqualTo(1);
  }

  @Test
  void reachesFallbackTiersWithoutAWriteToThem() {
    TieredCache<String, String> prices = prices(tagged("Prices.price").fallback("shared", null, true));
    prices.get("a");
    EngineProbe.l1(prices).invalidate("a"); // L1 lost it: the next read finds it in "shared"
    prices.get("a");
    assertThat(priceCalls.get()).isEqualTo(1);

    write("a");
    EngineProbe.l1(prices).invalidate("a");

    assertThat(prices.get("a")).isEqualTo("price of a@v1");
    assertThat(priceCalls.get()).isEqualTo(2);
    // The fallback's copy of v0 was never written over by the invalidation: it is judged invalid.
    assertThat(harness.shared.operations(io.tiered.runtime.testing.MockTier.Operation.Kind.INVALIDATE))
        .isEmpty();
  }

  @Test
  void timedEntriesAreCheckedToo() {
    TieredCache<String, String> prices =
        prices(tagged("Prices.price").refreshAfter(Duration.ofMinutes(5)));
    prices.get("a");

    write("a");

    assertThat(prices.get("a")).isEqualTo("price of a@v1");
  }

  @Test
  void aLoadBegunBeforeTheInvalidationLandsNowhereAndIsNotJoined() throws Exception {
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    TieredCache<String, String> prices = harness.runtime.cache(tagged("Prices.price").build(),
        sku -> {
          String read = "price of " + current(sku); // reads the database first...
          if (calls.incrementAndGet() == 1) {
            loading.countDown();
            release.await(); // ...and is slow to return
          }
          return read;
        });
    CompletableFuture<String> before = CompletableFuture.supplyAsync(() -> prices.get("a"),
        runnable -> Thread.ofVirtual().start(runnable));
    loading.await(5, SECONDS);

    write("a");
    // Begins after: must not join the load from before, which is still held up.
    String after = CompletableFuture.supplyAsync(() -> prices.get("a"),
        runnable -> Thread.ofVirtual().start(runnable)).get(5, SECONDS);
    release.countDown();

    assertThat(before.get(5, SECONDS)).isEqualTo("price of a@v0"); // its callers began before
    assertThat(after).isEqualTo("price of a@v1");
    assertThat(prices.get("a")).isEqualTo("price of a@v1");
    // The old load, refused as it lands, drops the key from L1: L1 cannot tell the newer value
    // from an older one the invalidation has yet to remove. One load more; never a stale read.
    assertThat(calls.get()).isEqualTo(3);
  }

  @Test
  void aRefreshBegunBeforeTheInvalidationLandsNowhere() throws Exception {
    // FusionCache#628: a tag removal racing a background refresh was lost.
    CountDownLatch refreshing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    TieredCache<String, String> prices = harness.runtime.cache(
        tagged("Prices.price").refreshAfter(Duration.ofMinutes(1)).build(),
        sku -> {
          String read = "price of " + current(sku);
          if (calls.incrementAndGet() == 2) {
            refreshing.countDown();
            release.await();
          }
          return read;
        });
    prices.get("a");
    harness.clock.advance(Duration.ofMinutes(2));
    assertThat(prices.get("a")).isEqualTo("price of a@v0"); // stale: served, refresh begins
    refreshing.await(5, SECONDS);

    write("a");
    release.countDown();
    await().atMost(Duration.ofSeconds(5)).until(() -> EngineProbe.inFlightCount(prices) == 0);

    assertThat(prices.get("a")).isEqualTo("price of a@v1");
    assertThat(calls.get()).isEqualTo(3);
  }

  @Test
  void aPutBegunBeforeTheInvalidationLandsNowhere() {
    TieredCache<String, String> prices = prices(tagged("Prices.price").fallback("shared", null, true));
    prices.get("a");

    TieredCache.PendingPut<String, String> put = prices.beginPut("a");
    write("a");
    put.complete("price of a@v0, put");

    assertThat(prices.get("a")).isEqualTo("price of a@v1");
  }

  @Test
  void aStaleValueIsNeverServedOnceItsTagWasInvalidated() {
    AtomicInteger calls = new AtomicInteger();
    TieredCache<String, String> prices = harness.runtime.cache(
        tagged("Prices.price").staleIfError(Duration.ofHours(1), null).build(),
        sku -> {
          if (calls.incrementAndGet() > 2) { // a and b load; every load after fails
            throw new IllegalStateException("origin down");
          }
          return "price of " + current(sku);
        });
    prices.get("a");
    prices.get("b");
    harness.clock.advance(Duration.ofMinutes(11)); // expired, within the stale window

    write("a");

    assertThat(prices.get("b")).isEqualTo("price of b@v0"); // stale, served
    org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> prices.get("a"));
  }

  @Test
  void bulkReadsHonourTags() {
    TieredCache<String, String> prices = prices(tagged("Prices.price"));
    var bulk = harness.runtime.bulk(prices, skus -> {
      Map<String, String> found = new java.util.HashMap<>();
      skus.forEach(sku -> found.put(sku, "price of " + current(sku)));
      priceCalls.addAndGet(skus.size());
      return found;
    });
    bulk.getAll(List.of("a", "b"));

    write("a");

    assertThat(bulk.getAll(List.of("a", "b")))
        .containsExactly("a", "price of a@v1", "b", "price of b@v0");
    assertThat(priceCalls.get()).isEqualTo(3);
  }

  @Test
  void anInvalidationRemovesItsEntriesFromL1AsItHappens() {
    TieredCache<String, String> prices = prices(tagged("Prices.price"));
    prices.get("a");
    prices.get("b");
    LocalTier<String, String> l1 = EngineProbe.l1(prices);

    write("a");

    // A hit reads nothing of an entry's tags: the invalidation itself must have removed it.
    assertThat(l1.lookup("a")).isNull();
    assertThat(l1.lookup("b")).isEqualTo("price of b@v0");
    assertThat(l1.indexedTags()).isEqualTo(2); // product:b and catalog
  }

  @Test
  void anInvalidationRacingAClearOfL1ReturnsOnlyOnceTheClearRemovedTheValues() throws Exception {
    TieredCache<ParkingKey, String> prices = harness.runtime.cache(
        CacheDefinition.<ParkingKey, String>builder("Prices.parked", ParkingKey.class,
                String.class)
            .ttl(Duration.ofMinutes(10)).tags(key -> List.of("product:" + key.sku())).build(),
        key -> "price of " + current(key.sku()));
    Parking parking = new Parking();
    ParkingKey a = new ParkingKey("a", parking);
    prices.get(a);

    // The clear (a resubscribed instance's) parks inside L1's clear, holding its locks, as it
    // hashes the key to remove it.
    Thread clearer = new Thread(prices::invalidateAll);
    parking.thread = clearer;
    clearer.start();
    assertThat(parking.parked.await(5, SECONDS)).isTrue();
    CompletableFuture<Void> tagWrite = CompletableFuture.runAsync(() -> write("a"));
    try {
      tagWrite.get(200, MILLISECONDS);
      // It returned while the clear is parked: L1 must not hold the value it invalidated.
      assertThat(prices.get(a)).isEqualTo("price of a@v1");
    } catch (TimeoutException waitingForTheClear) {
      // As it should: it waits for the clear, which has not removed the value yet.
    } finally {
      parking.release.countDown();
    }
    tagWrite.get(5, SECONDS);
    clearer.join(5_000);

    assertThat(prices.get(a)).isEqualTo("price of a@v1");
  }

  /** A key whose hashing parks {@code parking}'s thread, once, until it is released. */
  record ParkingKey(String sku, Parking parking) {
    @Override
    public int hashCode() {
      parking.parkIfIn();
      return sku.hashCode();
    }
  }

  /** Where a {@link ParkingKey} parks: the first time it is hashed on {@code thread}. */
  static final class Parking {
    volatile Thread thread;
    final CountDownLatch parked = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    void parkIfIn() {
      if (Thread.currentThread() == thread && parked.getCount() > 0) {
        parked.countDown();
        try {
          release.await();
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  @Test
  void anEntryEvictedFromL1LeavesTheTagIndex() {
    TieredCache<String, String> prices = prices(tagged("Prices.price").maximumSize(10));
    for (int i = 0; i < 100; i++) {
      prices.get("sku-" + i);
    }
    LocalTier<String, String> l1 = EngineProbe.l1(prices);
    l1.caffeine().cleanUp();

    // Each entry L1 still holds indexes its product's tag, all of them "catalog": nothing more,
    // so a runtime keeps no tag state for entries long evicted.
    assertThat(l1.indexedTags()).isEqualTo(l1.caffeine().estimatedSize() + 1);
    assertThat(l1.caffeine().estimatedSize()).isAtMost(10);

    harness.runtime.invalidateTag("catalog");

    assertThat(l1.caffeine().estimatedSize()).isEqualTo(0);
    assertThat(l1.indexedTags()).isEqualTo(0);
  }

  @Test
  void untaggedCachesAreUntouched() {
    TieredCache<String, String> plain = harness.runtime.cache(
        CacheDefinition.<String, String>builder("Plain.get", String.class, String.class).build(),
        sku -> {
          priceCalls.incrementAndGet();
          return current(sku);
        });
    plain.get("a");

    write("a");

    assertThat(plain.get("a")).isEqualTo("a@v0");
    assertThat(priceCalls.get()).isEqualTo(1);
  }

  @Test
  void jitterShortensEachEntrysTtlByUpToItsShare() {
    TieredCache<String, String> prices = prices(
        CacheDefinition.<String, String>builder("Prices.price", String.class, String.class)
            .ttl(Duration.ofMinutes(10)).jitter(0.5));
    for (int i = 0; i < 200; i++) {
      prices.get("k" + i);
    }
    harness.clock.advance(Duration.ofMinutes(5).minusMillis(1)); // before the shortest ttl
    for (int i = 0; i < 200; i++) {
      prices.get("k" + i);
    }
    assertThat(priceCalls.get()).isEqualTo(200);

    harness.clock.advance(Duration.ofMinutes(2).plusMillis(1)); // at 7 of 10 minutes
    for (int i = 0; i < 200; i++) {
      prices.get("k" + i);
    }
    int expiredBy7 = priceCalls.get() - 200;
    assertThat(expiredBy7).isGreaterThan(40); // about 40 %: uniform over 5-10 minutes
    assertThat(expiredBy7).isLessThan(160);

    harness.clock.advance(Duration.ofMinutes(3)); // at 10 minutes: every first entry expired
    int before = priceCalls.get();
    for (int i = 0; i < 200; i++) {
      prices.get("k" + i);
    }
    assertThat(priceCalls.get() - before).isAtLeast(200 - expiredBy7);
  }
}
