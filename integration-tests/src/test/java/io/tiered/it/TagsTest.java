package io.tiered.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tiered.it.TaggedCatalog.Item;
import io.tiered.runtime.TieredRuntime;
import io.tiered.runtime.testing.ManualClock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * {@code @Tag} and {@code @InvalidateTag} through a generated proxy, end to end: the entries of two
 * caches of different key shapes share {@code product:{sku}}, a constant type-level tag covers
 * every cache, writes of each result kind invalidate after a normal return only, and jitter
 * spreads expiry within its bound.
 */
class TagsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final ManualClock clock = new ManualClock();
  private final TieredRuntime runtime = TieredRuntime.builder().clock(clock).build();
  private final CountingCatalog origin = new CountingCatalog();
  private final TieredTaggedCatalog catalog = new TieredTaggedCatalog(origin, runtime);

  @AfterEach
  void close() {
    runtime.close();
  }

  /** Loads what every test starts from: sku a and b in both product caches, one shelf. */
  private void loadAll() {
    assertThat(reloadsOfAll()).isEqualTo(5);
  }

  /** Reads sku a and b of both product caches and one shelf: the origin calls it makes. */
  private int reloadsOfAll() {
    int before = origin.calls();
    catalog.price("a");
    catalog.price("b");
    catalog.stock(new Item("a", "w1"));
    catalog.stock(new Item("b", "w1"));
    catalog.shelf("w1", 3);
    return origin.calls() - before;
  }

  @Test
  void aWriteInvalidatesTheTagInBothCachesOfTheSku() {
    loadAll();

    catalog.save(new Item("a", "w2"));

    assertThat(origin.reads("price:a")).isEqualTo(1);
    catalog.price("a");
    catalog.stock(new Item("a", "w1"));
    assertThat(origin.reads("price:a")).isEqualTo(2);
    assertThat(origin.reads("stock:a")).isEqualTo(2);
    assertThat(reloadsOfAll()).isEqualTo(0); // b and the shelf stayed cached
  }

  @Test
  void aBulkMethodTagsEachKeysEntry() {
    catalog.costs(Set.of("a", "b"));
    catalog.costs(Set.of("a", "b"));
    assertThat(origin.reads("costs:[a, b]") + origin.reads("costs:[b, a]")).isEqualTo(1);

    catalog.save(new Item("a", "w1"));
    catalog.costs(Set.of("a", "b"));

    assertThat(origin.reads("costs:[a]")).isEqualTo(1); // b stayed cached
  }

  @Test
  void asyncAndMonoReadsAreTaggedAsSynchronousOnesAre() {
    catalog.priceAsync("a").join();
    catalog.priceMono("a").block(TIMEOUT);
    catalog.priceMono("b").block(TIMEOUT);

    catalog.save(new Item("a", "w1"));
    catalog.priceAsync("a").join();
    catalog.priceMono("a").block(TIMEOUT);
    catalog.priceMono("b").block(TIMEOUT);

    assertThat(origin.reads("priceAsync:a")).isEqualTo(2);
    assertThat(origin.reads("priceMono:a")).isEqualTo(2);
    assertThat(origin.reads("priceMono:b")).isEqualTo(1);
  }

  @Test
  void theConstantTypeLevelTagCoversEveryCache() {
    loadAll();

    catalog.reload();

    assertThat(reloadsOfAll()).isEqualTo(5);
    assertThat(reloadsOfAll()).isEqualTo(0);
  }

  @Test
  void runtimeInvalidateTagDoesWhatTheAnnotationDoes() {
    loadAll();

    runtime.invalidateTag("product:b");

    assertThat(reloadsOfAll()).isEqualTo(2);
  }

  @Test
  void aWriteOfAnotherInterfaceInvalidatesTheTagToo() {
    loadAll();
    CatalogAdmin admin = new TieredCatalogAdmin(sku -> {}, runtime);

    admin.discontinue("b");

    assertThat(reloadsOfAll()).isEqualTo(2);
  }

  @Test
  void aWriteThatThrowsLeavesEveryEntryCached() {
    loadAll();

    assertThrows(IllegalArgumentException.class, () -> catalog.save(new Item("a", "refused")));

    assertThat(reloadsOfAll()).isEqualTo(0);
  }

  @Test
  void aWriteWhosePathMeetsNullSkipsThatTagWithoutThrowing() {
    loadAll();

    catalog.save(null); // {item.sku} with no item names no tag

    assertThat(reloadsOfAll()).isEqualTo(0);
  }

  @Test
  void aNullAtTheEndOfAPathIsWrittenNull() {
    catalog.price("null");
    catalog.stock(new Item(null, "w1"));

    catalog.save(new Item(null, "w1")); // invalidates "product:null"

    int before = origin.calls();
    catalog.price("null");
    catalog.stock(new Item(null, "w1"));
    assertThat(origin.calls() - before).isEqualTo(2);
  }

  @Test
  void anAsyncWriteInvalidatesWhenItsFutureCompletesNormally() {
    loadAll();
    CompletableFuture<Void> done = new CompletableFuture<>();
    origin.asyncResult.set(done);

    CompletableFuture<Void> write = catalog.saveAsync("a");
    assertThat(reloadsOfAll()).isEqualTo(0);
    done.complete(null);
    write.join();

    assertThat(reloadsOfAll()).isEqualTo(2);
  }

  @Test
  void aFailedAsyncWriteLeavesEveryEntryCached() {
    loadAll();
    origin.asyncResult.set(CompletableFuture.failedFuture(new IllegalStateException("down")));

    assertThat(catalog.saveAsync("a").isCompletedExceptionally()).isTrue();

    assertThat(reloadsOfAll()).isEqualTo(0);
  }

  @Test
  void aMonoWriteInvalidatesEachOfItsTagsOnSuccessOnly() {
    loadAll();

    Mono<Void> move = catalog.move("a", "w1");
    assertThat(reloadsOfAll()).isEqualTo(0); // nothing until subscribed
    move.block(TIMEOUT);

    assertThat(reloadsOfAll()).isEqualTo(3); // price a, stock a, the shelf of w1

    origin.moveFails.set(true);
    assertThrows(IllegalStateException.class, () -> catalog.move("b", "w1").block(TIMEOUT));
    assertThat(reloadsOfAll()).isEqualTo(0);
  }

  @Test
  void jitterSpreadsExpiryWithinItsBound() {
    int keys = 200;
    for (int i = 0; i < keys; i++) {
      catalog.label("sku-" + i);
    }
    int loads = origin.calls();

    clock.advance(Duration.ofMinutes(8).minusSeconds(1)); // under 10m less 20%: all fresh
    readLabels(keys);
    assertThat(origin.calls() - loads).isEqualTo(0);

    clock.advance(Duration.ofMinutes(1)); // 8m59s: some expired, not all
    readLabels(keys);
    int expired = origin.calls() - loads;
    assertThat(expired).isGreaterThan(0);
    assertThat(expired).isLessThan(keys);
  }

  @Test
  void jitterNeverLengthensTheTtl() {
    catalog.label("a");
    catalog.price("a");

    clock.advance(Duration.ofMinutes(10).plusSeconds(1));
    int before = origin.calls();
    catalog.label("a");
    catalog.price("a");

    assertThat(origin.calls() - before).isEqualTo(2);
  }

  private void readLabels(int keys) {
    for (int i = 0; i < keys; i++) {
      catalog.label("sku-" + i);
    }
  }

  /** Counts its reads by method and sku; its writes do nothing but answer, or fail as told. */
  private static final class CountingCatalog implements TaggedCatalog {
    private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
    final AtomicReference<CompletableFuture<Void>> asyncResult =
        new AtomicReference<>(CompletableFuture.completedFuture(null));
    final AtomicBoolean moveFails = new AtomicBoolean();

    int reads(String key) {
      return reads.getOrDefault(key, new AtomicInteger()).get();
    }

    int calls() {
      return reads.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private void read(String key) {
      reads.computeIfAbsent(key, unused -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public long price(String sku) {
      read("price:" + sku);
      return 100;
    }

    @Override
    public int stock(Item item) {
      read("stock:" + item.sku());
      return 7;
    }

    @Override
    public CompletableFuture<Long> priceAsync(String sku) {
      read("priceAsync:" + sku);
      return CompletableFuture.completedFuture(100L);
    }

    @Override
    public Mono<Long> priceMono(String sku) {
      return Mono.fromSupplier(() -> {
        read("priceMono:" + sku);
        return 100L;
      });
    }

    @Override
    public String shelf(String warehouse, int row) {
      read("shelf:" + warehouse + "/" + row);
      return warehouse + "/" + row;
    }

    @Override
    public Map<String, Long> costs(Set<String> skus) {
      read("costs:" + skus);
      Map<String, Long> costs = new HashMap<>();
      skus.forEach(sku -> costs.put(sku, 90L));
      return costs;
    }

    @Override
    public String label(String sku) {
      read("label:" + sku);
      return "label of " + sku;
    }

    @Override
    public void save(Item item) {
      if (item != null && "refused".equals(item.warehouse())) {
        throw new IllegalArgumentException("refused");
      }
    }

    @Override
    public CompletableFuture<Void> saveAsync(String sku) {
      return asyncResult.get();
    }

    @Override
    public Mono<Void> move(String sku, String warehouse) {
      return Mono.defer(() -> moveFails.get()
          ? Mono.error(new IllegalStateException("refused"))
          : Mono.empty());
    }

    @Override
    public void reload() {}
  }
}
