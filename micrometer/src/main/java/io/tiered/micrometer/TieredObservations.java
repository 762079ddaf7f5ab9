package io.tiered.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.tiered.runtime.TieredInstrumentation;
import io.tiered.runtime.TieredRuntime;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Binds a runtime to a Micrometer {@link ObservationRegistry}: every origin call (a load, a
 * refresh, a bulk load) runs inside an Observation named {@value #NAME}, whose parent is the
 * caller's current observation, so the origin's own spans (JDBC, HTTP clients) nest under it.
 * Its low-cardinality key values: {@code cache} (such as {@code PriceService.price}), {@code kind}
 * ({@code load}, {@code refresh}, {@code bulk}) and {@code outcome} ({@code success},
 * {@code error}, {@code absent}: null or {@code Optional.empty()}).
 *
 * <pre>{@code
 * TieredRuntime runtime = TieredRuntime.builder()
 *     .instrumentation(TieredObservations.of(observationRegistry))
 *     .build();
 * }</pre>
 *
 * <p>Background work (a refresh, a load a soft timeout left running) runs with what the thread
 * that triggered it carried: with {@code io.micrometer:context-propagation} on the class path,
 * a snapshot of every {@code ThreadLocalAccessor} registered with its {@code ContextRegistry}
 * (the current observation, and so the trace; the MDC once an accessor for it is registered);
 * without it, the caller's observation alone. So a refresh's {@value #NAME} lands in the trace of
 * the request that found the value stale.
 *
 * <p>Hits create no observation and allocate nothing: a hit calls no origin.
 */
public final class TieredObservations implements TieredInstrumentation {
  /** The name of the observation around each origin call. */
  public static final String NAME = "tiered.load";

  private final ObservationRegistry registry;
  private final BackgroundContext background;

  private TieredObservations(ObservationRegistry registry) {
    this.registry = registry;
    this.background = BackgroundContext.of(registry);
  }

  /**
   * {@return the instrumentation that observes origin calls in {@code registry}} Bind it with
   * {@link TieredRuntime.Builder#instrumentation}.
   *
   * @param registry the application's registry, whose handlers (tracing, timers) see each call
   */
  public static TieredObservations of(ObservationRegistry registry) {
    return new TieredObservations(Objects.requireNonNull(registry, "registry"));
  }

  @Override
  public <V> CompletableFuture<V> originCall(String cacheName, LoadKind kind,
      Supplier<CompletableFuture<V>> call) {
    if (registry.isNoop()) {
      return call.get();
    }
    Observation observation = Observation.createNotStarted(NAME, registry)
        .lowCardinalityKeyValue("cache", cacheName)
        .lowCardinalityKeyValue("kind", kind.name().toLowerCase(Locale.ROOT))
        .start();
    CompletableFuture<V> loading;
    try (Observation.Scope scope = observation.openScope()) {
      loading = call.get();
    }
    loading.whenComplete((value, error) -> {
      observation.lowCardinalityKeyValue("outcome", outcome(value, error));
      if (error != null) {
        observation.error(unwrap(error));
      }
      observation.stop();
    });
    return loading;
  }

  @Override
  public Runnable inBackground(Runnable task) {
    return background.capture(task);
  }

  private static String outcome(@Nullable Object value, @Nullable Throwable error) {
    if (error != null) {
      return "error";
    }
    return value == null || value instanceof Optional<?> optional && optional.isEmpty()
        ? "absent"
        : "success";
  }

  private static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  @Override
  public String toString() {
    return "TieredObservations[" + registry + "]";
  }
}
