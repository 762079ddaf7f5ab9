package io.tiered.it;

import static com.google.common.truth.Truth.assertThat;

import io.tiered.runtime.TieredRuntime;
import io.tiered.runtime.testing.MockTier;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code Mono} and {@code Flux} methods over a fallback tier two instances share (a
 * {@code MockTier} standing in for Redis): written through, promoted, skipped when it fails, and
 * cleared by a {@code Mono} write.
 */
class ReactiveFallbackTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final MockTier<Object, Object> shared = MockTier.create();
  private final TieredRuntime first = TieredRuntime.builder().tier("shared", shared.factory())
      .build();
  private final TieredRuntime second = TieredRuntime.builder().tier("shared", shared.factory())
      .build();
  private final AtomicInteger subscriptions = new AtomicInteger();
  private final ReactiveSharedPrices origin = new ReactiveSharedPrices() {
    @Override
    public Mono<Product> product(String sku) {
      return Mono.fromSupplier(() -> new Product(sku, "from origin", subscriptions
          .incrementAndGet()));
    }

    @Override
    public Flux<Product> search(String query) {
      return Flux.defer(() -> {
        subscriptions.incrementAndGet();
        return Flux.just(new Product(query + "-1", "one", 1), new Product(query + "-2", "two", 2));
      });
    }

    @Override
    public Mono<Void> delete(String sku) {
      return Mono.empty();
    }
  };
  private final TieredReactiveSharedPrices one = new TieredReactiveSharedPrices(origin, first);
  private final TieredReactiveSharedPrices other = new TieredReactiveSharedPrices(origin, second);

  @AfterEach
  void close() {
    first.close();
    second.close();
  }

  @Test
  void aLoadIsWrittenToTheSharedTierAndAnotherInstanceReadsItThere() {
    Product loaded = one.product("a").block(TIMEOUT);

    assertThat(shared.peek("ReactiveSharedPrices.product", "a").value()).isEqualTo(loaded);
    assertThat(other.product("a").block(TIMEOUT)).isEqualTo(loaded);
    assertThat(other.product("a").block(TIMEOUT)).isEqualTo(loaded); // promoted: an L1 hit
    assertThat(subscriptions.get()).isEqualTo(1);
  }

  @Test
  void aFluxsListIsSharedThroughTheTier() {
    List<Product> loaded = one.search("q").collectList().block(TIMEOUT);

    assertThat(other.search("q").collectList().block(TIMEOUT)).isEqualTo(loaded);
    assertThat(loaded).hasSize(2);
    assertThat(subscriptions.get()).isEqualTo(1);
  }

  @Test
  void aFailingTierIsAMissAndTheOriginAnswers() {
    shared.failAll(new IllegalStateException("redis down"));

    assertThat(one.product("a").block(TIMEOUT).sku()).isEqualTo("a");
    assertThat(other.product("a").block(TIMEOUT).sku()).isEqualTo("a");
    assertThat(subscriptions.get()).isEqualTo(2);
  }

  @Test
  void aMonoWriteClearsTheSharedTier() {
    one.product("a").block(TIMEOUT);

    one.delete("a").block(TIMEOUT);

    assertThat(shared.peek("ReactiveSharedPrices.product", "a")).isNull();
    assertThat(other.product("a").block(TIMEOUT).cents()).isEqualTo(2);
  }
}
