package com.acme;

import static com.google.common.truth.Truth.assertThat;

import com.acme.AnnotationSnippets.FailSafePrices;
import com.acme.AnnotationSnippets.Item;
import com.acme.AnnotationSnippets.Price;
import com.acme.AnnotationSnippets.PriceService;
import com.acme.AnnotationSnippets.Products;
import com.acme.AnnotationSnippets.ReactivePrices;
import com.acme.AnnotationSnippets.Stock;
import com.acme.AnnotationSnippets.WritablePrices;
import io.tiered.runtime.TieredRuntime;
import io.tiered.runtime.testing.ManualClock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The snippets of docs/annotations.md, run; the page must show them as {@link AnnotationSnippets}
 * has them.
 */
class AnnotationSnippetsTest {
  private final ManualClock clock = new ManualClock();
  private final TieredRuntime runtime = TieredRuntime.builder().clock(clock).build();

  @AfterEach
  void closeRuntime() {
    runtime.close();
  }

  @Test
  void thePageShowsTheCompiledSnippets() {
    List<String> snippets = DocSnippets.javaBlocks("docs/annotations.md");

    assertThat(snippets).hasSize(5);
    for (String snippet : snippets) {
      DocSnippets.assertShownIn(snippet, DocSnippets.TESTS.resolve("AnnotationSnippets.java"));
    }
  }

  @Test
  void staleIfErrorServesTheLastValueWhileTheOriginFails() {
    AtomicBoolean down = new AtomicBoolean();
    AtomicInteger calls = new AtomicInteger();
    FailSafePrices origin = sku -> {
      calls.incrementAndGet();
      if (down.get()) {
        throw new IllegalStateException("origin down");
      }
      return sku.isEmpty() ? null : new Price(sku, 100);
    };
    TieredAnnotationSnippets_FailSafePrices prices =
        new TieredAnnotationSnippets_FailSafePrices(origin, runtime);

    prices.price("sku-1");
    clock.advance(Duration.ofMinutes(6));                 // past the ttl, within the stale window
    down.set(true);

    assertThat(prices.price("sku-1")).isEqualTo(new Price("sku-1", 100));
    assertThat(prices.priceCache().stats().staleServed()).isEqualTo(1);

    down.set(false);
    calls.set(0);
    assertThat(prices.price("")).isNull();
    assertThat(prices.price("")).isNull();                // null cached for nullTtl
    clock.advance(Duration.ofSeconds(31));
    prices.price("");
    assertThat(calls.get()).isEqualTo(2);
  }

  @Test
  void writesEvictOrPutAfterTheOriginReturned() {
    CountingWrites origin = new CountingWrites();
    TieredAnnotationSnippets_WritablePrices prices =
        new TieredAnnotationSnippets_WritablePrices(origin, runtime);

    prices.price("sku-1");
    prices.price("sku-1");
    assertThat(origin.priceCalls.get()).isEqualTo(1);
    prices.update("sku-1", new Price("sku-1", 120));
    prices.price("sku-1");
    prices.save(new Price("sku-1", 130));
    prices.price("sku-1");
    prices.updateAll(Set.of("sku-1", "sku-2"));
    prices.price("sku-1");
    assertThat(origin.priceCalls.get()).isEqualTo(4);

    prices.quote("sku-1", 2);
    prices.reprice();
    prices.quote("sku-1", 2);
    assertThat(origin.quoteCalls.get()).isEqualTo(2);

    assertThat(prices.create("sku-3", 150)).isEqualTo(new Price("sku-3", 150));
    assertThat(prices.price("sku-3")).isEqualTo(new Price("sku-3", 150));
    assertThat(origin.priceCalls.get()).isEqualTo(4);
  }

  @Test
  void aBulkReadSharesTheSingleKeyCache() {
    AtomicInteger singleCalls = new AtomicInteger();
    AtomicInteger bulkCalls = new AtomicInteger();
    PriceService origin = new PriceService() {
      @Override
      public Price price(String sku) {
        singleCalls.incrementAndGet();
        return new Price(sku, 100);
      }

      @Override
      public Map<String, Price> prices(Set<String> skus) {
        bulkCalls.incrementAndGet();
        Map<String, Price> prices = new HashMap<>();
        skus.forEach(sku -> prices.put(sku, new Price(sku, 100)));
        return prices;
      }

      @Override
      public CompletableFuture<Map<Long, Stock>> stock(List<Long> ids) {
        Map<Long, Stock> stock = new HashMap<>();
        ids.forEach(id -> stock.put(id, new Stock(id, 7)));
        return CompletableFuture.completedFuture(stock);
      }
    };
    TieredAnnotationSnippets_PriceService prices =
        new TieredAnnotationSnippets_PriceService(origin, runtime);

    assertThat(prices.prices(Set.of("sku-1", "sku-2"))).hasSize(2);
    assertThat(prices.price("sku-1")).isEqualTo(new Price("sku-1", 100));
    assertThat(bulkCalls.get()).isEqualTo(1);
    assertThat(singleCalls.get()).isEqualTo(0);
    assertThat(prices.stock(List.of(1L, 2L)).join()).containsEntry(1L, new Stock(1L, 7));
  }

  /** Counts the reads that reach it; its writes do nothing but answer. */
  private static final class CountingWrites implements WritablePrices {
    final AtomicInteger priceCalls = new AtomicInteger();
    final AtomicInteger quoteCalls = new AtomicInteger();

    @Override
    public Price price(String sku) {
      priceCalls.incrementAndGet();
      return new Price(sku, 100);
    }

    @Override
    public List<Price> quote(String sku, int quantity) {
      quoteCalls.incrementAndGet();
      return List.of(new Price(sku, 100L * quantity));
    }

    @Override
    public void update(String sku, Price price) {}

    @Override
    public void save(Price price) {}

    @Override
    public void updateAll(Set<String> skus) {}

    @Override
    public void reprice() {}

    @Override
    public Price create(String sku, long cents) {
      return new Price(sku, cents);
    }
  }

  @Test
  void reactiveReadsAreCachedAndMonoWritesActWhenTheyComplete() {
    AtomicInteger subscriptions = new AtomicInteger();
    ReactivePrices origin = new ReactivePrices() {
      @Override
      public Mono<Price> price(String sku) {
        return Mono.fromSupplier(() -> {
          subscriptions.incrementAndGet();
          return new Price(sku, 100);
        });
      }

      @Override
      public Flux<Price> history(String sku) {
        return Flux.just(new Price(sku, 90), new Price(sku, 100));
      }

      @Override
      public Mono<Map<String, Price>> prices(Set<String> skus) {
        return Mono.just(Map.of());
      }

      @Override
      public Mono<Price> save(Price price) {
        return Mono.just(price);
      }

      @Override
      public Mono<Void> delete(String sku) {
        return Mono.empty();
      }
    };
    TieredAnnotationSnippets_ReactivePrices prices =
        new TieredAnnotationSnippets_ReactivePrices(origin, runtime);

    prices.price("sku-1").block();
    assertThat(prices.price("sku-1").block()).isEqualTo(new Price("sku-1", 100));
    assertThat(subscriptions.get()).isEqualTo(1);
    assertThat(prices.history("sku-1").collectList().block()).hasSize(2);

    prices.save(new Price("sku-1", 120)).block();
    assertThat(prices.price("sku-1").block()).isEqualTo(new Price("sku-1", 120));
    prices.delete("sku-1").block();
    assertThat(prices.price("sku-1").block()).isEqualTo(new Price("sku-1", 100));
    assertThat(subscriptions.get()).isEqualTo(2);
  }

  @Test
  void aTagInvalidationReachesEveryEntryAboutTheSku() {
    AtomicInteger calls = new AtomicInteger();
    Products origin = new Products() {
      @Override
      public Price price(String sku) {
        calls.incrementAndGet();
        return new Price(sku, 100);
      }

      @Override
      public Stock stock(Item item) {
        calls.incrementAndGet();
        return new Stock(1, 7);
      }

      @Override
      public void save(Price price) {}

      @Override
      public CompletableFuture<Void> reload() {
        return CompletableFuture.completedFuture(null);
      }
    };
    TieredAnnotationSnippets_Products products =
        new TieredAnnotationSnippets_Products(origin, runtime);
    Runnable readAll = () -> {
      products.price("sku-1");
      products.price("sku-2");
      products.stock(new Item("sku-1", "north"));
    };

    readAll.run();
    readAll.run();
    assertThat(calls.get()).isEqualTo(3);
    products.save(new Price("sku-1", 120));
    readAll.run();
    assertThat(calls.get()).isEqualTo(5);                 // price and stock of sku-1
    products.reload().join();
    readAll.run();
    assertThat(calls.get()).isEqualTo(8);                 // every entry carries "catalog"
  }
}
