package io.tiered.it;

import static com.google.common.truth.Truth.assertThat;

import io.tiered.runtime.CacheTier;
import io.tiered.runtime.TierFactory;
import io.tiered.runtime.TierSpec;
import io.tiered.runtime.TieredRuntime;
import io.tiered.runtime.Tiers;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Generic interfaces and methods inherited from generic super-interfaces. */
class GenericsTest {
  private final TieredRuntime runtime = TieredRuntime.builder().build();
  private final AtomicInteger calls = new AtomicInteger();

  @AfterEach
  void close() {
    runtime.close();
  }

  @Test
  void inheritedMethodsAreCachedWithTheSubInterfacesTypeArguments() {
    TieredProductRepository repository = new TieredProductRepository(new ProductRepository() {
      @Override
      public Product find(Long id) {
        return new Product("sku-" + id, "found", calls.incrementAndGet());
      }

      @Override
      public List<Product> findBoth(Long first, Long second) {
        return List.of(find(first), find(second));
      }

      @Override
      public void save(Product value) {
        calls.addAndGet(100);
      }

      @Override
      public int size() {
        return calls.incrementAndGet();
      }
    }, runtime);

    Product first = repository.find(1L);
    assertThat(repository.find(1L)).isSameInstanceAs(first);
    assertThat(repository.findBoth(1L, 2L)).isSameInstanceAs(repository.findBoth(1L, 2L));
    repository.save(first);

    assertThat(repository.findCache().get(1L)).isSameInstanceAs(first);
    assertThat(repository.findBothCache().name()).isEqualTo("ProductRepository.findBoth");
    assertThat(calls.get()).isEqualTo(1 + 2 + 100);
  }

  @Test
  void genericInterfaceGetsAGenericProxy() {
    Store<String, Integer> origin = new Store<>() {
      @Override
      public Integer get(String key) {
        return key.length() * 10 + calls.incrementAndGet();
      }

      @Override
      public Integer getIn(String key, String region) {
        return (key + region).length() * 10 + calls.incrementAndGet();
      }

      @Override
      public Map<String, Integer> snapshot() {
        return Map.of("size", calls.incrementAndGet());
      }
    };
    TieredStore<String, Integer> store = new TieredStore<>(origin, runtime);

    assertThat(store.get("abc")).isEqualTo(31);
    assertThat(store.get("abc")).isEqualTo(31);
    assertThat(store.getIn("abc", "eu")).isEqualTo(52);
    assertThat(store.getIn("abc", "eu")).isEqualTo(52);
    assertThat(store.getIn("abc", "us")).isEqualTo(53);
    assertThat(store.snapshot()).isSameInstanceAs(store.snapshot());
    assertThat(calls.get()).isEqualTo(4);
    assertThat(store.getInCache().get(new TieredStore.GetInKey<>("abc", "eu"))).isEqualTo(52);
  }

  @Test
  void tiersAreToldTheFullGenericTypes() throws Exception {
    Map<String, TierSpec<?, ?>> specs = new ConcurrentHashMap<>();
    TierFactory recording = new TierFactory() {
      @Override
      public <K, V> CacheTier<K, V> create(TierSpec<K, V> spec) {
        specs.put(spec.cacheName(), spec);
        return Tiers.memory().create(spec);
      }
    };
    try (TieredRuntime withTier = TieredRuntime.builder().tier("shared", recording).build()) {
      new TieredInventory(new InventoryStub(), withTier);
    }

    assertThat(specs.get("Inventory.products").keyType()).isEqualTo(String.class);
    assertThat(specs.get("Inventory.products").valueType()).isEqualTo(returnType("products"));
    assertThat(specs.get("Inventory.stock").valueType()).isEqualTo(returnType("stock"));
    assertThat(specs.get("Inventory.top").keyType()).isEqualTo(Integer.class);
    assertThat(specs.get("Inventory.top").valueType()).isEqualTo(Product[].class);
  }

  private static Type returnType(String method) throws NoSuchMethodException {
    Class<?> parameter = method.equals("top") ? int.class : String.class;
    return Inventory.class.getMethod(method, parameter).getGenericReturnType();
  }

  /** An origin the test never calls. */
  private static final class InventoryStub implements Inventory {
    @Override
    public List<Product> products(String category) {
      return List.of();
    }

    @Override
    public Map<String, Set<Long>> stock(String warehouse) {
      return Map.of();
    }

    @Override
    public Product[] top(int count) {
      return new Product[0];
    }
  }
}
