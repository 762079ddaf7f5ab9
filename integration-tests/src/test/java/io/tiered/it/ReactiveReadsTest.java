package io.tiered.it;

import static com.google.common.truth.Truth.assertThat;
import static io.tiered.it.FakeReactiveCatalog.product;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tiered.runtime.TieredRuntime;
import io.tiered.runtime.testing.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Cached {@code Mono} and {@code Flux} reads through the generated proxy: lazy, one cache call per
 * subscription, one origin subscription for concurrent subscribers, cancel-safe, and composed with
 * {@code @Bulk}, {@code @RefreshAfter} and {@code @StaleIfError}.
 */
class ReactiveReadsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final ManualClock clock = new ManualClock();
  private final TieredRuntime runtime = TieredRuntime.builder().clock(clock).build();
  private final FakeReactiveCatalog origin = new FakeReactiveCatalog();
  private final TieredReactiveCatalog catalog = new TieredReactiveCatalog(origin, runtime);

  @AfterEach
  void close() {
    origin.gate.complete(null);
    runtime.close();
  }

  @Test
  void nothingHappensUntilSubscription() {
    Mono<Product> product = catalog.product("a");

    assertThat(origin.subscriptions("product")).isEqualTo(0);
    assertThat(product.block(TIMEOUT)).isEqualTo(product("a", 1));
    assertThat(product.block(TIMEOUT)).isEqualTo(product("a", 1));
    assertThat(origin.subscriptions("product")).isEqualTo(1);
  }

  @Test
  void eachSubscriptionIsACacheCall() {
    Mono<Product> product = catalog.product("a");
    product.block(TIMEOUT);
    catalog.productCache().invalidate("a");
    origin.version.set(2);

    assertThat(product.block(TIMEOUT)).isEqualTo(product("a", 2));
    assertThat(origin.subscriptions("product")).isEqualTo(2);
  }

  @Test
  void concurrentSubscribersShareOneOriginSubscription() throws Exception {
    origin.gate = new CompletableFuture<>();
    Mono<Product> product = catalog.product("a");
    List<CompletableFuture<Product>> answers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      answers.add(product.toFuture());
    }
    answers.add(catalog.product("a").toFuture());
    answers.add(catalog.productCache().getAsync("a")); // a CompletableFuture caller joins too

    origin.gate.complete(null);

    for (CompletableFuture<Product> answer : answers) {
      assertThat(answer.get(5, TimeUnit.SECONDS)).isEqualTo(product("a", 1));
    }
    assertThat(origin.subscriptions("product")).isEqualTo(1);
  }

  @Test
  void oneSubscribersCancelLeavesTheLoadToTheOthers() throws Exception {
    origin.gate = new CompletableFuture<>();
    Disposable leaving = catalog.product("a").subscribe();
    CompletableFuture<Product> staying = catalog.product("a").toFuture();

    leaving.dispose();
    origin.gate.complete(null);

    assertThat(staying.get(5, TimeUnit.SECONDS)).isEqualTo(product("a", 1));
    assertThat(origin.subscriptions("product")).isEqualTo(1);
  }

  @Test
  void aLoadWhoseOnlySubscriberCancelledStillLands() {
    origin.gate = new CompletableFuture<>();
    catalog.product("a").subscribe().dispose();
    origin.gate.complete(null);

    assertThat(catalog.product("a").block(TIMEOUT)).isEqualTo(product("a", 1));
    assertThat(origin.subscriptions("product")).isEqualTo(1);
  }

  @Test
  void anEmptyMonoIsAnAbsentValueNotCachedByDefault() {
    origin.absent.add("a");

    assertThat(catalog.find("a").blockOptional(TIMEOUT)).isEmpty();
    assertThat(catalog.find("a").blockOptional(TIMEOUT)).isEmpty();
    assertThat(origin.subscriptions("find")).isEqualTo(2);
  }

  @Test
  void anEmptyMonoIsCachedWithCacheNulls() {
    origin.absent.add("a");

    assertThat(catalog.lookup("a").blockOptional(TIMEOUT)).isEmpty();
    origin.absent.clear();

    assertThat(catalog.lookup("a").blockOptional(TIMEOUT)).isEmpty();
    assertThat(origin.subscriptions("lookup")).isEqualTo(1);
  }

  @Test
  void errorsReachTheSubscriberUnchangedAndAreNotCached() {
    IOException down = new IOException("origin down"); // checked: no wrapping either
    origin.failure = down;

    ExecutionException failed = assertThrows(ExecutionException.class,
        () -> catalog.product("a").toFuture().get(5, TimeUnit.SECONDS));
    assertThat(failed).hasCauseThat().isSameInstanceAs(down);

    origin.failure = null;
    assertThat(catalog.product("a").block(TIMEOUT)).isEqualTo(product("a", 1));
    assertThat(origin.subscriptions("product")).isEqualTo(2);
  }

  @Test
  void theContextOfTheSubscriberThatStartsTheLoadReachesTheOrigin() throws Exception {
    origin.gate = new CompletableFuture<>();
    CompletableFuture<Product> first =
        catalog.product("a").contextWrite(Context.of("tenant", "acme")).toFuture();
    CompletableFuture<Product> joining =
        catalog.product("a").contextWrite(Context.of("tenant", "other")).toFuture();
    origin.gate.complete(null);

    assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(product("a", 1));
    assertThat(joining.get(5, TimeUnit.SECONDS)).isEqualTo(product("a", 1));
    assertThat(origin.tenants).containsExactly("acme");

    catalog.search("q", 2).contextWrite(Context.of("tenant", "flux")).blockLast(TIMEOUT);
    catalog.products(Set.of("b")).contextWrite(Context.of("tenant", "bulk")).block(TIMEOUT);
    assertThat(origin.tenants).containsExactly("acme", "flux", "bulk").inOrder();
  }

  @Test
  void aFluxIsCachedAsItsElementsAndReplayedInOrder() {
    List<Product> expected = List.of(product("q-0", 1), product("q-1", 1), product("q-2", 1));

    assertThat(catalog.search("q", 3).collectList().block(TIMEOUT)).isEqualTo(expected);
    origin.version.set(2);
    assertThat(catalog.search("q", 3).collectList().block(TIMEOUT)).isEqualTo(expected);
    assertThat(catalog.search("q", 0).collectList().block(TIMEOUT)).isEmpty();
    assertThat(catalog.search("q", 0).collectList().block(TIMEOUT)).isEmpty();
    assertThat(origin.subscriptions("search")).isEqualTo(2);
    assertThat(catalog.searchCache().get(new TieredReactiveCatalog.SearchKey("q", 3)))
        .isEqualTo(expected);
  }

  @Test
  void aBulkMonoLoadsOnlyTheKeysNoTierHolds() {
    catalog.product("a").block(TIMEOUT);
    origin.absent.add("c");

    Map<String, Product> products = catalog.products(Set.of("a", "b", "c")).block(TIMEOUT);

    assertThat(products).containsExactly("a", product("a", 1), "b", product("b", 1));
    assertThat(origin.bulkRequests).containsExactly(Set.of("b", "c"));
    assertThat(catalog.product("b").block(TIMEOUT)).isEqualTo(product("b", 1));
    assertThat(origin.subscriptions("product")).isEqualTo(1);
    assertThat(origin.subscriptions("products")).isEqualTo(1);
  }

  @Test
  void aStaleEntryIsServedAtOnceAndRefreshedInTheBackground() {
    catalog.refreshed("a").block(TIMEOUT);
    origin.version.set(2);
    clock.advance(Duration.ofMinutes(1));

    assertThat(catalog.refreshed("a").block(TIMEOUT)).isEqualTo(product("a", 1));
    await().atMost(TIMEOUT).untilAsserted(() ->
        assertThat(catalog.refreshed("a").block(TIMEOUT)).isEqualTo(product("a", 2)));
    assertThat(origin.subscriptions("refreshed")).isEqualTo(2);
  }

  @Test
  void aFailedLoadServesTheStaleValue() {
    catalog.resilient("a").block(TIMEOUT);
    clock.advance(Duration.ofMinutes(6));
    origin.failure = new IllegalStateException("origin down");

    assertThat(catalog.resilient("a").block(TIMEOUT)).isEqualTo(product("a", 1));
    assertThat(catalog.resilientCache().stats().staleServed()).isEqualTo(1);
  }

  @Test
  void aSlowLoadServesTheStaleValueAfterTheSoftTimeoutAndLandsLater() {
    catalog.impatient("a").block(TIMEOUT);
    clock.advance(Duration.ofMinutes(6));
    origin.version.set(2);
    origin.gate = new CompletableFuture<>();

    assertThat(catalog.impatient("a").block(TIMEOUT)).isEqualTo(product("a", 1));
    origin.gate.complete(null);

    await().atMost(TIMEOUT).untilAsserted(() ->
        assertThat(catalog.impatient("a").block(TIMEOUT)).isEqualTo(product("a", 2)));
    assertThat(origin.subscriptions("impatient")).isEqualTo(2);
  }
}
