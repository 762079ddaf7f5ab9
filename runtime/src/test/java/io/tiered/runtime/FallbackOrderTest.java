package io.tiered.runtime;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.SECONDS;

import io.tiered.runtime.internal.CacheDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A write that reaches a slow fallback tier (Redis, say): a load that starts while the write is
 * still on its way there reads the fallback's older value, and must not land it in L1 after the
 * write returned. The fallback tier here holds its writes (put, invalidate, clear) until released,
 * so the load runs exactly in that window.
 */
class FallbackOrderTest {
  private final AtomicReference<String> current = new AtomicReference<>("v1");
  private final HeldWritesTier shared = new HeldWritesTier();
  private final TieredRuntime runtime =
      TieredRuntime.builder().tier("shared", shared.factory()).build();
  private final TieredCache<String, String> cache = runtime.cache(
      CacheDefinition.<String, String>builder("Test.get", String.class, String.class)
          .fallback("shared", null, true)
          .build(),
      key -> current.get());

  @AfterEach
  void closeRuntime() {
    runtime.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"invalidate", "put", "invalidateKeys", "invalidateAll"})
  void aLoadDuringAWriteNeverLandsTheOlderValueInL1AfterIt(String write) throws Exception {
    shared.entries.put("a", CacheEntry.of("v1", Instant.now(), null));
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<?> writer = threads.submit(() -> {
        current.set("v2");
        switch (write) {
          case "invalidate" -> cache.invalidate("a");
          case "put" -> cache.put("a", "v2");
          case "invalidateKeys" -> cache.invalidateAll(List.of("b", "a"));
          default -> cache.invalidateAll();
        }
      });
      assertThat(shared.writeArrived.await(5, SECONDS)).isTrue();

      String duringTheWrite = cache.get("a"); // reads the fallback, which still holds v1
      shared.release.countDown();
      writer.get(5, SECONDS);

      assertThat(duringTheWrite).isAnyOf("v1", "v2");
      assertThat(cache.get("a")).isEqualTo("v2");
    }
  }

  @Test
  void withoutAWriteTheFallbackValueIsServedAndPromoted() {
    shared.entries.put("a", CacheEntry.of("v1", Instant.now(), null));

    assertThat(cache.get("a")).isEqualTo("v1");
    shared.entries.clear();
    assertThat(cache.get("a")).isEqualTo("v1"); // from L1 now
  }

  /** A map-backed tier whose writes wait for {@link #release} once they have arrived. */
  private static final class HeldWritesTier {
    final Map<Object, CacheEntry<Object>> entries = new ConcurrentHashMap<>();
    final CountDownLatch writeArrived = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    TierFactory factory() {
      return Harness.factoryOf(new Tier());
    }

    private void held(Consumer<Map<Object, CacheEntry<Object>>> write) {
      writeArrived.countDown();
      try {
        if (!release.await(5, SECONDS)) {
          throw new IllegalStateException("never released");
        }
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(interrupted);
      }
      write.accept(entries);
    }

    private final class Tier implements CacheTier<Object, Object> {
      @Override
      public @Nullable CacheEntry<Object> get(Object key) {
        return entries.get(key);
      }

      @Override
      public void put(Object key, CacheEntry<Object> entry) {
        held(map -> map.put(key, entry));
      }

      @Override
      public void invalidate(Object key) {
        held(map -> map.remove(key));
      }

      @Override
      public void clear() {
        held(Map::clear);
      }

      @Override
      public OptionalLong size() {
        return OptionalLong.of(entries.size());
      }
    }
  }
}
