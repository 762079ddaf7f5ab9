package io.tiered.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tiered.runtime.CacheEvent;
import io.tiered.runtime.NoKey;
import io.tiered.runtime.TieredProxy;
import io.tiered.runtime.TieredRuntime;
import io.tiered.runtime.testing.ManualClock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cache semantics of one interface, through its generated proxy, with no fallback tiers. */
class CatalogTest {
  private final ManualClock clock = new ManualClock();
  private final EventRecorder events = new EventRecorder();
  private final TieredRuntime runtime =
      TieredRuntime.builder().clock(clock).listener(events).build();
  private final FakeCatalog origin = new FakeCatalog();
  private final TieredCatalog catalog = new TieredCatalog(origin, runtime);

  @AfterEach
  void close() {
    runtime.close();
  }

  @Test
  void freshHitDoesNotCallTheOrigin() {
    Product first = catalog.product("sku-1");

    assertThat(catalog.product("sku-1")).isSameInstanceAs(first);
    assertThat(origin.calls("product")).isEqualTo(1);
    assertThat(events.events(CacheEvent.Kind.HIT, CacheEvent.L1)).hasSize(1);
    assertThat(events.events(CacheEvent.Kind.HIT).get(0).cacheName()).isEqualTo("Catalog.product");
  }

  @Test
  void entryExpiresAfterTheTtl() {
    catalog.product("sku-1");
    clock.advance(Duration.ofMinutes(5).minusMillis(1));
    catalog.product("sku-1");
    assertThat(origin.calls("product")).isEqualTo(1);

    clock.advance(Duration.ofMillis(1));

    assertThat(catalog.product("sku-1")).isEqualTo(FakeCatalog.product("sku-1", 2));
    assertThat(origin.calls("product")).isEqualTo(2);
    assertThat(events.events(CacheEvent.Kind.EVICTED_EXPIRED, CacheEvent.L1)).isNotEmpty();
  }

  @Test
  void multiArgumentKeysCompareEveryArgument() {
    List<Product> tenApples = catalog.search("apple", 10);

    assertThat(catalog.search("apple", 10)).isSameInstanceAs(tenApples);
    assertThat(catalog.search("apple", 20)).isNotEqualTo(tenApples);
    assertThat(catalog.search("pear", 10)).isNotEqualTo(tenApples);
    assertThat(origin.calls("search")).isEqualTo(3);
  }

  @Test
  void arrayKeysCompareByContent() {
    long[] ids = {1, 2, 3};
    List<Product> first = catalog.byIds(ids);
    ids[0] = 99; // mutating the caller's array must not change the cached key

    assertThat(catalog.byIds(new long[] {1, 2, 3})).isSameInstanceAs(first);
    assertThat(catalog.byIds(new long[] {99, 2, 3})).isNotSameInstanceAs(first);
    assertThat(origin.calls("byIds")).isEqualTo(2);
    assertThat(new TieredCatalog.ByIdsKey(new long[] {1, 2}).toString())
        .isEqualTo("ByIdsKey[ids=[1, 2]]");
  }

  @Test
  void nestedArrayKeysAreCopiedAtEveryDepth() {
    long[][] groups = {{1, 2}, {3}};
    List<Product> first = catalog.byIdGroups(groups);
    groups[0][0] = 99; // the caller's inner array, which a shallow copy would share with the key

    assertThat(catalog.byIdGroups(new long[][] {{1, 2}, {3}})).isSameInstanceAs(first);
    assertThat(catalog.byIdGroups(new long[][] {{99, 2}, {3}})).isNotSameInstanceAs(first);
    assertThat(origin.calls("byIdGroups")).isEqualTo(2);
  }

  @Test
  void anOriginThatSortsANestedArrayLeavesTheCachedKeyAsItWas() {
    FakeCatalog sorting = new FakeCatalog() {
      @Override
      public List<Product> byIdGroups(long[][] groups) {
        Arrays.sort(groups[0]); // an origin may change what it is given, at any depth
        return super.byIdGroups(groups);
      }
    };
    TieredCatalog cached = new TieredCatalog(sorting, runtime);

    List<Product> first = cached.byIdGroups(new long[][] {{3, 1}});

    assertThat(cached.byIdGroups(new long[][] {{3, 1}})).isSameInstanceAs(first);
    assertThat(sorting.calls("byIdGroups")).isEqualTo(1);
  }

  @Test
  void anOriginThatSortsItsArrayArgumentLeavesTheCachedKeyAsItWas() {
    FakeCatalog sorting = new FakeCatalog() {
      @Override
      public List<Product> byIds(long[] ids) {
        Arrays.sort(ids); // an origin may change what it is given
        return super.byIds(ids);
      }
    };
    TieredCatalog cached = new TieredCatalog(sorting, runtime);

    List<Product> first = cached.byIds(new long[] {3, 1, 2});

    assertThat(cached.byIds(new long[] {3, 1, 2})).isSameInstanceAs(first);
    assertThat(cached.byIds(new long[] {1, 2, 3})).isNotSameInstanceAs(first);
    assertThat(sorting.calls("byIds")).isEqualTo(2);
  }

  @Test
  void methodsWithTheSameParameterTypesKeepTheirKeysApart() {
    Product product = catalog.product("same");
    Product byName = catalog.byName("same");

    assertThat(byName).isNotEqualTo(product);
    assertThat(catalog.product("same")).isSameInstanceAs(product);
    assertThat(catalog.byName("same")).isSameInstanceAs(byName);
    assertThat(origin.calls("product")).isEqualTo(1);
    assertThat(origin.calls("byName")).isEqualTo(1);
  }

  @Test
  void primitivesAndNoArgumentMethodsAreCached() {
    assertThat(catalog.stockLevel("sku")).isEqualTo(101);
    assertThat(catalog.stockLevel("sku")).isEqualTo(101);
    assertThat(catalog.count()).isEqualTo(1001L);
    assertThat(catalog.count()).isEqualTo(1001L);

    assertThat(origin.calls("stockLevel")).isEqualTo(1);
    assertThat(origin.calls("count")).isEqualTo(1);
    assertThat(catalog.countCache().get(NoKey.INSTANCE)).isEqualTo(1001L);
  }

  @Test
  void emptyOptionalIsNotCachedButAPresentOneIs() {
    assertThat(catalog.find("sku")).isEmpty();
    assertThat(catalog.find("sku")).isEmpty();
    assertThat(origin.calls("find")).isEqualTo(2);

    origin.found = Optional.of(FakeCatalog.product("sku", 7));
    assertThat(catalog.find("sku")).hasValue(FakeCatalog.product("sku", 7));
    origin.found = Optional.empty();

    assertThat(catalog.find("sku")).hasValue(FakeCatalog.product("sku", 7));
    assertThat(origin.calls("find")).isEqualTo(3);
  }

  @Test
  void checkedExceptionsReachTheCallerUnchangedAndAreNotCached() throws Exception {
    ProductNotFoundException failure = new ProductNotFoundException("sku");
    origin.strictFailure = failure;

    ProductNotFoundException thrown =
        assertThrows(ProductNotFoundException.class, () -> catalog.strict("sku"));

    assertThat(thrown).isSameInstanceAs(failure);
    origin.strictFailure = null;
    assertThat(catalog.strict("sku")).isEqualTo(FakeCatalog.product("sku", 1));
    assertThat(origin.calls("strict")).isEqualTo(2);
  }

  @Test
  void concurrentFutureCallsShareOneLoadAndTheCompletedValueIsCached() throws Exception {
    CompletableFuture<Product> pending = new CompletableFuture<>();
    origin.nextFuture = pending;

    CompletableFuture<Product> first = catalog.productAsync("sku");
    CompletableFuture<Product> second = catalog.productAsync("sku");
    assertThat(first.isDone()).isFalse();
    pending.complete(FakeCatalog.product("sku", 1));

    assertThat(first.get()).isEqualTo(FakeCatalog.product("sku", 1));
    assertThat(second.get()).isEqualTo(FakeCatalog.product("sku", 1));
    assertThat(catalog.productAsync("sku").get()).isEqualTo(FakeCatalog.product("sku", 1));
    assertThat(origin.calls("productAsync")).isEqualTo(1);
  }

  @Test
  void failedFuturesAreNotCached() throws Exception {
    IllegalStateException failure = new IllegalStateException("down");
    origin.nextFuture = CompletableFuture.failedFuture(failure);

    ExecutionException thrown =
        assertThrows(ExecutionException.class, () -> catalog.productAsync("sku").get());
    assertThat(thrown).hasCauseThat().isSameInstanceAs(failure);

    origin.nextFuture = CompletableFuture.completedFuture(FakeCatalog.product("sku", 2));
    assertThat(catalog.productAsync("sku").get()).isEqualTo(FakeCatalog.product("sku", 2));
    assertThat(origin.calls("productAsync")).isEqualTo(2);
  }

  @Test
  void completionStagesAreCachedByTheirValue() throws Exception {
    Product first = catalog.productStage("sku").toCompletableFuture().get();

    assertThat(catalog.productStage("sku").toCompletableFuture().get()).isSameInstanceAs(first);
    assertThat(origin.calls("productStage")).isEqualTo(1);
  }

  @Test
  void typedHandleInvalidatesOneKey() {
    catalog.product("a");
    catalog.product("b");

    catalog.productCache().invalidate("a");
    catalog.product("a");
    catalog.product("b");

    assertThat(origin.calls("product")).isEqualTo(3);
    assertThat(catalog.productCache().name()).isEqualTo("Catalog.product");
  }

  @Test
  void typedHandlePutsAValue() {
    Product seeded = new Product("a", "seeded", 1);
    catalog.productCache().put("a", seeded);

    assertThat(catalog.product("a")).isSameInstanceAs(seeded);
    assertThat(origin.calls("product")).isEqualTo(0);
  }

  @Test
  void proxyInvalidateAllEmptiesEveryMethodsCache() {
    catalog.product("a");
    catalog.search("a", 1);
    Catalog asInterface = catalog;

    ((TieredProxy) asInterface).invalidateAll();
    catalog.product("a");
    catalog.search("a", 1);

    assertThat(origin.calls("product")).isEqualTo(2);
    assertThat(origin.calls("search")).isEqualTo(2);
    assertThat(catalog.caches()).hasSize(11);
  }

  @Test
  void voidAndDefaultMethodsPassThrough() {
    catalog.rename("a", "b");
    catalog.rename("a", "b");

    assertThat(origin.calls("rename")).isEqualTo(2);
    assertThat(catalog.label("a")).isEqualTo("origin-label:a");
    assertThat(catalog.label("a")).isEqualTo("origin-label:a");
    assertThat(origin.calls("label")).isEqualTo(2);
  }

  @Test
  void behavesLikeAWellManneredWrapper() {
    TieredCatalog other = new TieredCatalog(origin, runtime);

    assertThat(catalog.toString()).isEqualTo("TieredCatalog[FakeCatalog]");
    assertThat(catalog).isEqualTo(catalog);
    assertThat(catalog).isNotEqualTo(other);
    assertThat(TieredCatalog.wrap(origin).product("x")).isEqualTo(FakeCatalog.product("x", 1));
  }

  @Test
  void originRuntimeExceptionsReachTheCallerUnwrapped() {
    Catalog failing = new TieredCatalog(new FakeCatalog() {
      @Override
      public Product product(String sku) {
        throw new IllegalArgumentException("bad sku " + sku);
      }
    }, runtime);

    IllegalArgumentException thrown =
        assertThrows(IllegalArgumentException.class, () -> failing.product("x"));
    assertThat(thrown).hasMessageThat().isEqualTo("bad sku x");
    assertThat(thrown).isNotInstanceOf(CompletionException.class);
  }
}
