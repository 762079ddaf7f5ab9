package io.tiered.it;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tiered.it.PriceBook.Item;
import io.tiered.it.PriceBook.Order;
import io.tiered.runtime.TieredRuntime;
import io.tiered.runtime.testing.MockTier;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code @Invalidate} and {@code @Put} through a generated proxy, with a fallback tier. */
class DeclarativeWritesTest {
  private final MockTier<Object, Object> shared = MockTier.create();
  private final TieredRuntime runtime =
      TieredRuntime.builder().tier("shared", shared.factory()).build();
  private final FakePriceBook origin = new FakePriceBook();
  private final TieredPriceBook book = new TieredPriceBook(origin, runtime);

  @AfterEach
  void close() {
    runtime.close();
  }

  /** Caches {@code price(sku)} at {@code cents} in L1 and the shared tier. */
  private void cached(String sku, long cents) {
    origin.prices.put(sku, cents);
    assertThat(book.price(sku)).isEqualTo(cents);
  }

  /** Whether {@code price(sku)} is still served from the cache (the origin is not read). */
  private boolean stillCached(String sku) {
    int before = origin.reads.get();
    book.price(sku);
    return origin.reads.get() == before;
  }

  @Test
  void aWriteEvictsTheKeyFromEveryTierAfterTheOriginReturned() {
    cached("a", 100);
    cached("b", 200);

    book.update("a", 150);

    assertThat(shared.peek("PriceBook.price", "a")).isNull();
    assertThat(book.price("a")).isEqualTo(150);
    assertThat(stillCached("b")).isTrue();
  }

  @Test
  void aWriteThatThrowsEvictsNothing() {
    cached("a", 100);

    assertThrows(IllegalArgumentException.class, () -> book.update("a", -1));

    assertThat(stillCached("a")).isTrue();
    assertThat(shared.peek("PriceBook.price", "a")).isNotNull();
  }

  @Test
  void theKeyFromTheOnlyParameterOfTheTargetsType() {
    cached("a", 100);

    book.discontinue("a");

    assertThat(book.price("a")).isEqualTo(0);
  }

  @Test
  void theKeyFromAnAccessorPath() {
    cached("a", 100);

    book.save(new Item("a", 120));

    assertThat(book.price("a")).isEqualTo(120);
  }

  @Test
  void aPathThatMeetsNullNamesNoKeyAndEvictsNothing() {
    origin.prices.put("a", 2L);
    assertThat(book.quote("a", 2)).isEqualTo("2 x 2");
    cached("a", 100);

    book.save(null); // returned normally: no NullPointerException from item.sku()
    book.place(null);

    assertThat(stillCached("a")).isTrue();
    assertThat(book.quote("a", 2)).isEqualTo("2 x 2"); // the origin would say 2 x 100
  }

  @Test
  void aMultiParameterKeyFromPaths() {
    origin.prices.put("a", 100L);
    assertThat(book.quote("a", 2)).isEqualTo("2 x 100");
    assertThat(book.quote("a", 3)).isEqualTo("3 x 100");
    origin.prices.put("a", 110L);

    book.place(new Order("a", 2));

    assertThat(book.quote("a", 2)).isEqualTo("2 x 110");
    assertThat(book.quote("a", 3)).isEqualTo("3 x 100"); // another key: still cached
  }

  @Test
  void everyElementOfAnIterableOrArrayIsEvictedInOneBatch() {
    cached("a", 1);
    cached("b", 2);
    cached("c", 3);

    book.updateAll(Set.of("a", "b"));
    assertThat(book.price("a")).isEqualTo(2);
    assertThat(book.price("b")).isEqualTo(3);
    book.updateEach("b", "c");

    assertThat(book.price("b")).isEqualTo(4);
    assertThat(book.price("c")).isEqualTo(4);
  }

  @Test
  void severalInvalidatesAllRunAndAllEvictsEveryKey() {
    cached("a", 100);
    origin.prices.put("b", 7L);
    book.quote("b", 1);
    book.quote("b", 2);
    origin.prices.put("b", 8L);

    book.reprice("a");

    assertThat(book.price("a")).isEqualTo(101);
    assertThat(book.quote("b", 1)).isEqualTo("1 x 8");
    assertThat(book.quote("b", 2)).isEqualTo("2 x 8");
  }

  @Test
  void aPutIsServedByALaterReadWithoutTheOrigin() {
    assertThat(book.create("n", 500)).isEqualTo(500);

    int before = origin.reads.get();
    assertThat(book.price("n")).isEqualTo(500);
    assertThat(origin.reads.get()).isEqualTo(before);
    assertThat(shared.peek("PriceBook.price", "n").value()).isEqualTo(500L);
  }

  @Test
  void anAsyncWriteEvictsWhenItsFutureCompletesAndCompletesAfterTheEviction() throws Exception {
    cached("a", 100);
    CompletableFuture<Void> gate = new CompletableFuture<>();
    origin.asyncWrite = gate;

    CompletableFuture<Void> written = book.updateAsync("a", 130);
    assertThat(stillCached("a")).isTrue(); // not done yet: nothing evicted
    gate.complete(null);
    written.get(5, SECONDS);

    assertThat(book.price("a")).isEqualTo(130);
  }

  @Test
  void aFailedAsyncWriteEvictsNothing() {
    cached("a", 100);

    CompletableFuture<Void> written = book.updateAsync("a", -5);

    assertThrows(ExecutionException.class, () -> written.get(5, SECONDS));
    assertThat(stillCached("a")).isTrue();
  }

  @Test
  void aFailedAsyncWriteReachesTheCallersCallbacksAsTheOriginFailedIt() throws Exception {
    cached("a", 100);
    IllegalStateException failure = new IllegalStateException("book closed");
    origin.asyncFailure = failure;

    Throwable seen = book.updateAsync("a", 130).handle((ignored, error) -> error).get(5, SECONDS);

    assertThat(seen).isSameInstanceAs(failure); // a thenApply stage would wrap it
    assertThat(stillCached("a")).isTrue();
  }

  @Test
  void anAsyncPutIsServedOnceItsFutureCompleted() throws Exception {
    assertThat(book.createAsync("n", 42).toCompletableFuture().get(5, SECONDS)).isEqualTo(42);

    assertThat(stillCached("n")).isTrue();
    assertThat(book.price("n")).isEqualTo(42);
  }

  @Test
  void writeMethodsAreNeverCached() {
    book.create("n", 1);
    book.create("n", 2);

    assertThat(origin.prices.get("n")).isEqualTo(2);
    assertThat(book.caches()).hasSize(2);
  }
}
