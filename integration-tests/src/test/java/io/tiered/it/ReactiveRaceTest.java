package io.tiered.it;

import static com.google.common.truth.Truth.assertThat;

import io.tiered.runtime.TieredRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A race model of reactive callers mixed with synchronous and {@code CompletableFuture} ones on one
 * cache: {@code Mono} reads, {@code Mono<Map>} bulk reads, the handle's {@code get} and
 * {@code getAsync}, and {@code Mono} writes ({@code @Put}, {@code @Invalidate}) over a small key
 * space of a versioned origin whose answers arrive on another thread. Seeded; the seed is printed.
 */
class ReactiveRaceTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final int KEYS = 8;
  private static final int CALLERS = 8;
  private static final int OPERATIONS = 1_500;

  private final TieredRuntime runtime = TieredRuntime.builder().build();
  private final VersionedOrigin origin = new VersionedOrigin();
  private final TieredReactiveCatalog catalog = new TieredReactiveCatalog(origin, runtime);

  @AfterEach
  void close() {
    runtime.close();
  }

  @Test
  void withoutWritesMixedCallersMakeOneOriginLoadPerKey() throws Exception {
    long seed = System.nanoTime();
    System.out.println("ReactiveRaceTest seed " + seed);
    runCallers(seed, false);

    for (int key = 0; key < KEYS; key++) {
      assertThat(origin.loads.getOrDefault(sku(key), new AtomicInteger()).get())
          .isAtMost(1);
    }
  }

  @Test
  void aReadAfterAWriteOfItsKeyNeverReturnsAnOlderVersion() throws Exception {
    long seed = System.nanoTime();
    System.out.println("ReactiveRaceTest seed " + seed);
    List<String> violations = runCallers(seed, true);

    assertThat(violations).isEmpty();
  }

  /** Runs the callers; returns each read that saw a version older than its thread last wrote. */
  private List<String> runCallers(long seed, boolean writes) throws Exception {
    List<String> violations = new CopyOnWriteArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int caller = 0; caller < CALLERS; caller++) {
        SplittableRandom random = new SplittableRandom(seed + caller);
        done.add(threads.submit(() -> {
          start.await();
          long[] written = new long[KEYS];
          for (int i = 0; i < OPERATIONS; i++) {
            int key = random.nextInt(KEYS);
            int operation = random.nextInt(writes ? 7 : 5);
            long read = switch (operation) {
              case 0 -> catalog.product(sku(key)).block(TIMEOUT).cents();
              case 1 -> catalog.productCache().get(sku(key)).cents();
              case 2 -> catalog.productCache().getAsync(sku(key))
                  .get(10, TimeUnit.SECONDS).cents();
              case 3 -> catalog.products(Set.of(sku(key), sku((key + 1) % KEYS)))
                  .block(TIMEOUT).get(sku(key)).cents();
              case 4 -> catalog.product(sku(key)).subscribeOn(Schedulers.parallel())
                  .block(TIMEOUT).cents();
              case 5 -> { // the origin gives the saved product its new version
                long version = catalog.save(new Product(sku(key), "saved", 0)).block(TIMEOUT)
                    .cents();
                written[key] = Math.max(written[key], version);
                yield -1;
              }
              default -> { // the delete's version is above the one before it
                long before = origin.version(key);
                catalog.delete(sku(key)).block(TIMEOUT);
                written[key] = Math.max(written[key], before + 1);
                yield -1;
              }
            };
            if (read >= 0 && read < written[key]) {
              violations.add("op " + operation + " read " + sku(key) + " v" + read
                  + " after writing v" + written[key]);
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> caller : done) {
        caller.get(2, TimeUnit.MINUTES);
      }
    }
    return violations;
  }

  private static String sku(int key) {
    return "sku-" + key;
  }

  /**
   * Answers each key's current version, on a parallel scheduler thread, and counts loads per key.
   * A save or a delete writes the key's next version.
   */
  private static final class VersionedOrigin implements ReactiveCatalog {
    final Map<String, AtomicInteger> loads = new ConcurrentHashMap<>();
    private final AtomicLong[] versions = new AtomicLong[KEYS];

    VersionedOrigin() {
      for (int key = 0; key < KEYS; key++) {
        versions[key] = new AtomicLong(1);
      }
    }

    long next(int key) {
      return versions[key].incrementAndGet();
    }

    long version(int key) {
      return versions[key].get();
    }

    private Product current(String sku) {
      loads.computeIfAbsent(sku, name -> new AtomicInteger()).incrementAndGet();
      return new Product(sku, "loaded", version(Integer.parseInt(sku.substring(4))));
    }

    @Override
    public Mono<Product> product(String sku) {
      return Mono.fromSupplier(() -> current(sku)).subscribeOn(Schedulers.parallel());
    }

    @Override
    public Mono<Map<String, Product>> products(Set<String> skus) {
      return Flux.fromIterable(skus).collectMap(sku -> sku, this::current)
          .subscribeOn(Schedulers.parallel());
    }

    @Override
    public Mono<Product> save(Product product) {
      return Mono.fromSupplier(() -> new Product(product.sku(), product.name(),
              next(Integer.parseInt(product.sku().substring(4)))))
          .subscribeOn(Schedulers.parallel());
    }

    @Override
    public Mono<Void> delete(String sku) {
      return Mono.fromRunnable(() -> next(Integer.parseInt(sku.substring(4))))
          .subscribeOn(Schedulers.parallel()).then();
    }

    @Override
    public Flux<Product> search(String query, int limit) {
      return Flux.empty();
    }

    @Override
    public Mono<Product> find(String sku) {
      return Mono.empty();
    }

    @Override
    public Mono<Product> lookup(String sku) {
      return Mono.empty();
    }

    @Override
    public Mono<Product> refreshed(String sku) {
      return Mono.empty();
    }

    @Override
    public Mono<Product> resilient(String sku) {
      return Mono.empty();
    }

    @Override
    public Mono<Product> impatient(String sku) {
      return Mono.empty();
    }
  }
}
