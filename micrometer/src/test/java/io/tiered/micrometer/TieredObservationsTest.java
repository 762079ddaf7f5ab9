package io.tiered.micrometer;

import static com.google.common.truth.Truth.assertThat;
import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;

import io.micrometer.context.ContextRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.tiered.runtime.TieredCache;
import io.tiered.runtime.TieredRuntime;
import io.tiered.runtime.internal.BulkCache;
import io.tiered.runtime.internal.CacheDefinition;
import io.tiered.runtime.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Origin calls observed in a {@link TestObservationRegistry}, under the caller's observation. */
class TieredObservationsTest {
  /** Stands in for the MDC: a thread-local the application registered with ContextRegistry. */
  private static final ThreadLocal<String> REQUEST_ID = new ThreadLocal<>();
  private static final String REQUEST_ID_KEY = "tiered.test.request-id";

  private final TestObservationRegistry registry = TestObservationRegistry.create();
  private final ManualClock clock = new ManualClock();
  private final List<Runnable> refreshes = new ArrayList<>();
  private final TieredRuntime runtime = TieredRuntime.builder()
      .clock(clock)
      .refreshExecutor(refreshes::add)
      .instrumentation(TieredObservations.of(registry))
      .build();

  @BeforeAll
  static void registerRequestId() {
    ContextRegistry.getInstance().registerThreadLocalAccessor(
        REQUEST_ID_KEY, REQUEST_ID::get, REQUEST_ID::set, REQUEST_ID::remove);
  }

  @AfterAll
  static void unregisterRequestId() {
    ContextRegistry.getInstance().removeThreadLocalAccessor(REQUEST_ID_KEY);
  }

  private static CacheDefinition.Builder<String, String> prices() {
    return CacheDefinition.<String, String>builder("Prices.price", String.class, String.class)
        .ttl(Duration.ofMinutes(5));
  }

  @Test
  void aMissIsOneObservationUnderTheCallersAndAHitNone() {
    TieredCache<String, String> cache = runtime.cache(prices().build(), sku -> "price-" + sku);

    Observation request = Observation.start("http.request", registry);
    try (Observation.Scope scope = request.openScope()) {
      cache.get("sku-1");
      cache.get("sku-1");
    }
    request.stop();

    assertThat(registry)
        .hasNumberOfObservationsWithNameEqualTo(TieredObservations.NAME, 1)
        .hasObservationWithNameEqualTo(TieredObservations.NAME)
        .that()
        .hasLowCardinalityKeyValue("cache", "Prices.price")
        .hasLowCardinalityKeyValue("kind", "load")
        .hasLowCardinalityKeyValue("outcome", "success")
        .hasParentObservationContextMatching(parent -> parent.getName().equals("http.request"))
        .hasBeenStopped();
  }

  @Test
  void anAbsentValueAndAFailureAreTheirOutcomes() {
    IllegalStateException down = new IllegalStateException("database down");
    TieredCache<String, String> absent = runtime.cache(prices().build(), sku -> null);
    TieredCache<String, String> failing = runtime.cache(
        CacheDefinition.<String, String>builder("Prices.failing", String.class, String.class)
            .build(), sku -> {
          throw down;
        });

    absent.get("sku-1");
    try {
      failing.get("sku-1");
    } catch (IllegalStateException expected) {
      assertThat(expected).isSameInstanceAs(down);
    }

    assertThat(registry)
        .hasAnObservation(observation -> observation
            .hasLowCardinalityKeyValue("cache", "Prices.price")
            .hasLowCardinalityKeyValue("outcome", "absent"))
        .hasAnObservation(observation -> observation
            .hasLowCardinalityKeyValue("cache", "Prices.failing")
            .hasLowCardinalityKeyValue("outcome", "error")
            .hasError(down));
  }

  @Test
  void aRefreshIsObservedUnderTheReadThatFoundItStaleWithItsContext() {
    AtomicReference<String> seenByOrigin = new AtomicReference<>();
    TieredCache<String, String> cache = runtime.cache(
        prices().refreshAfter(Duration.ofMinutes(1)).build(), sku -> {
          seenByOrigin.set(REQUEST_ID.get());
          return "price-" + sku;
        });
    cache.get("sku-1");
    clock.advance(Duration.ofMinutes(2));

    Observation request = Observation.start("stale.request", registry);
    REQUEST_ID.set("request-2");
    try (Observation.Scope scope = request.openScope()) {
      cache.get("sku-1"); // served stale; its refresh scheduled
    } finally {
      REQUEST_ID.remove();
    }
    request.stop();
    refreshes.remove(0).run(); // on a thread that carries nothing of its own

    Predicate<Observation.ContextView> underTheStaleRead =
        parent -> parent.getName().equals("stale.request");
    assertThat(seenByOrigin.get()).isEqualTo("request-2");
    assertThat(REQUEST_ID.get()).isNull();
    assertThat(registry)
        .hasAnObservation(observation -> observation
            .hasNameEqualTo(TieredObservations.NAME)
            .hasLowCardinalityKeyValue("kind", "refresh")
            .hasParentObservationContextMatching(underTheStaleRead));
  }

  @Test
  void aBulkLoadIsOneBulkObservation() {
    TieredCache<String, String> cache = runtime.cache(prices().build(), sku -> "price-" + sku);
    BulkCache<String, String> bulk = runtime.bulk(cache, skus -> {
      Map<String, String> prices = new LinkedHashMap<>();
      skus.forEach(sku -> prices.put(sku, "price-" + sku));
      return prices;
    });

    bulk.getAll(List.of("sku-1", "sku-2", "sku-3"));

    assertThat(registry)
        .hasNumberOfObservationsWithNameEqualTo(TieredObservations.NAME, 1)
        .hasObservationWithNameEqualTo(TieredObservations.NAME)
        .that()
        .hasLowCardinalityKeyValue("kind", "bulk")
        .hasLowCardinalityKeyValue("outcome", "success");
  }
}
