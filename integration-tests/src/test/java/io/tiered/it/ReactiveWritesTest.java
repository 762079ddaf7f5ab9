package io.tiered.it;

import static com.google.common.truth.Truth.assertThat;
import static io.tiered.it.FakeReactiveCatalog.product;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tiered.runtime.TieredRuntime;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * {@code @Put} and {@code @Invalidate} on {@code Mono}-returning writes: they act when the origin's
 * {@code Mono} completes normally, at each subscription, before the returned {@code Mono}
 * completes; an error leaves every tier as it was.
 */
class ReactiveWritesTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final TieredRuntime runtime = TieredRuntime.builder().build();
  private final FakeReactiveCatalog origin = new FakeReactiveCatalog();
  private final TieredReactiveCatalog catalog = new TieredReactiveCatalog(origin, runtime);

  @AfterEach
  void close() {
    origin.gate.complete(null);
    runtime.close();
  }

  @Test
  void aPutActsWhenItsMonoCompletes() {
    catalog.product("a").block(TIMEOUT);
    Product renamed = new Product("a", "renamed", 7);

    Mono<Product> save = catalog.save(renamed);
    assertThat(origin.saved).isEmpty();
    assertThat(catalog.product("a").block(TIMEOUT)).isEqualTo(product("a", 1));

    assertThat(save.block(TIMEOUT)).isEqualTo(renamed);
    assertThat(catalog.product("a").block(TIMEOUT)).isEqualTo(renamed);
    assertThat(origin.subscriptions("product")).isEqualTo(1);
  }

  @Test
  void theReturnedMonoCompletesAfterThePut() {
    Product saved = new Product("a", "saved", 7);

    Product read = catalog.save(saved).then(Mono.defer(() -> catalog.product("a")))
        .block(TIMEOUT);

    assertThat(read).isEqualTo(saved);
    assertThat(origin.subscriptions("product")).isEqualTo(0);
  }

  @Test
  void aFailedPutLeavesTheCacheAsItWas() {
    catalog.product("a").block(TIMEOUT);
    IllegalStateException refused = new IllegalStateException("refused");
    origin.failure = refused;

    assertThat(assertThrows(IllegalStateException.class,
        () -> catalog.save(new Product("a", "renamed", 7)).block(TIMEOUT)))
        .isSameInstanceAs(refused);

    origin.failure = null;
    assertThat(catalog.product("a").block(TIMEOUT)).isEqualTo(product("a", 1));
    assertThat(origin.subscriptions("product")).isEqualTo(1);
  }

  @Test
  void aCancelledWriteEvictsTheKeysItNames() {
    catalog.product("a").block(TIMEOUT);
    catalog.product("b").block(TIMEOUT);
    origin.gate = new CompletableFuture<>();

    catalog.save(new Product("a", "renamed", 7)).subscribe().dispose();
    catalog.delete("b").subscribe().dispose();
    origin.gate.complete(null);
    origin.version.set(2);

    assertThat(catalog.product("a").block(TIMEOUT)).isEqualTo(product("a", 2));
    assertThat(catalog.product("b").block(TIMEOUT)).isEqualTo(product("b", 2));
    assertThat(origin.subscriptions("product")).isEqualTo(4);
  }

  @Test
  void anInvalidateActsWhenItsEmptyMonoCompletes() {
    catalog.product("a").block(TIMEOUT);
    origin.version.set(2);

    Mono<Void> delete = catalog.delete("a");
    assertThat(catalog.product("a").block(TIMEOUT)).isEqualTo(product("a", 1));
    assertThat(origin.deleted).isEmpty();

    Product reread = delete.then(Mono.defer(() -> catalog.product("a"))).block(TIMEOUT);

    assertThat(origin.deleted).containsExactly("a");
    assertThat(reread).isEqualTo(product("a", 2));
    assertThat(origin.subscriptions("product")).isEqualTo(2);
  }

  @Test
  void aFailedInvalidateLeavesTheCacheAsItWas() {
    catalog.product("a").block(TIMEOUT);
    origin.failure = new IllegalStateException("refused");
    origin.version.set(2);

    assertThrows(IllegalStateException.class, () -> catalog.delete("a").block(TIMEOUT));

    assertThat(catalog.product("a").block(TIMEOUT)).isEqualTo(product("a", 1));
  }
}
