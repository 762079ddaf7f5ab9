package io.tiered.it;

import static com.google.common.truth.Truth.assertThat;

import io.tiered.runtime.CacheEntry;
import io.tiered.runtime.TieredRuntime;
import io.tiered.runtime.testing.MockTier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code @Bulk} methods of a generated proxy, end to end. */
class BulkProxyTest {
  private final List<Object> calls = new CopyOnWriteArrayList<>();
  private final MockTier<Object, Object> shared = MockTier.create();
  private final TieredRuntime runtime =
      TieredRuntime.builder().tier("shared", shared.factory()).build();
  private final TieredPriceList prices = new TieredPriceList(new PriceList() {
    @Override
    public Long price(String sku) {
      calls.add(sku);
      return (long) sku.length();
    }

    @Override
    public Map<String, Long> prices(Set<String> skus) {
      calls.add(skus);
      Map<String, Long> values = new LinkedHashMap<>();
      skus.forEach(sku -> values.put(sku, (long) sku.length()));
      return values;
    }

    @Override
    public CompletableFuture<Map<String, Long>> quotes(String[] skus) {
      calls.add(skus);
      Map<String, Long> values = new LinkedHashMap<>();
      for (String sku : skus) {
        values.put(sku, 100L + sku.length());
      }
      return CompletableFuture.completedFuture(values);
    }
  }, runtime);

  @AfterEach
  void close() {
    runtime.close();
  }

  @Test
  void aBulkCallAsksTheOriginOnceForTheKeysNoTierHoldsAsASet() {
    prices.price("a");
    shared.seed("PriceList.price", "bb", CacheEntry.of(7L,
        runtime.clock().instant(), null));

    Map<String, Long> values = prices.prices(Set.of("a", "bb", "ccc", "dddd"));

    assertThat(values).containsExactly("a", 1L, "bb", 7L, "ccc", 3L, "dddd", 4L);
    assertThat(calls).hasSize(2);
    assertThat(calls.get(1)).isInstanceOf(Set.class);
    assertThat((Set<?>) calls.get(1)).containsExactly("ccc", "dddd");
    assertThat(prices.price("dddd")).isEqualTo(4L); // the bulk call filled the shared cache
    assertThat(prices.pricesCache()).isSameInstanceAs(prices.priceCache());
    assertThat(calls).hasSize(2);
  }

  @Test
  void anAsyncBulkMethodWithAnArrayOfKeysHasACacheOfItsOwn() throws Exception {
    prices.price("a");

    Map<String, Long> first = prices.quotes(new String[] {"a", "bb"}).get(5, TimeUnit.SECONDS);
    Map<String, Long> second = prices.quotes(new String[] {"bb", "ccc"}).get(5, TimeUnit.SECONDS);

    assertThat(first).containsExactly("a", 101L, "bb", 102L);
    assertThat(second).containsExactly("bb", 102L, "ccc", 103L);
    List<Object> arrays = new ArrayList<>(calls.subList(1, calls.size()));
    assertThat(arrays).hasSize(2);
    assertThat((String[]) arrays.get(0)).asList().containsExactly("a", "bb");
    assertThat((String[]) arrays.get(1)).asList().containsExactly("ccc");
    assertThat(prices.quotesCache().get("ccc")).isEqualTo(103L);
    assertThat(prices.caches()).hasSize(2);
  }
}
