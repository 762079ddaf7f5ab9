package io.tiered.it;

import static com.google.common.truth.Truth.assertThat;
import static org.awaitility.Awaitility.await;

import io.tiered.runtime.CacheEvent;
import io.tiered.runtime.TieredRuntime;
import io.tiered.runtime.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code @RefreshAfter("1m")} with {@code @Tiered(ttl = "10m")}, through the generated proxy. */
class RefreshTest {
  private final ManualClock clock = new ManualClock();
  private final EventRecorder events = new EventRecorder();
  private final TieredRuntime runtime =
      TieredRuntime.builder().clock(clock).listener(events).build();
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicBoolean refreshedOnVirtualThread = new AtomicBoolean();
  private final AtomicLong price = new AtomicLong(100);
  private volatile CountDownLatch refreshGate = new CountDownLatch(0);

  private final Prices origin = sku -> {
    if (calls.incrementAndGet() > 1) {
      refreshedOnVirtualThread.set(Thread.currentThread().isVirtual());
      awaitGate();
    }
    return price.get();
  };
  private final TieredPrices prices = new TieredPrices(origin, runtime);

  private void awaitGate() {
    try {
      refreshGate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void close() {
    runtime.close();
  }

  @Test
  void staleEntryIsServedAtOnceAndRefreshedOnceInTheBackground() throws Exception {
    assertThat(prices.price("sku")).isEqualTo(100);
    price.set(200);
    refreshGate = new CountDownLatch(1);
    clock.advance(Duration.ofMinutes(1));

    List<Thread> readers = new ArrayList<>();
    List<Long> seen = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 50; i++) {
      readers.add(Thread.ofVirtual().start(() -> seen.add(prices.price("sku"))));
    }
    for (Thread reader : readers) {
      reader.join();
    }

    assertThat(seen).hasSize(50);
    assertThat(seen).containsNoneOf(200L, 0L);
    refreshGate.countDown();
    await().atMost(Duration.ofSeconds(5)).until(() -> prices.price("sku") == 200);
    assertThat(calls.get()).isEqualTo(2);
    assertThat(refreshedOnVirtualThread.get()).isTrue();
    assertThat(events.events(CacheEvent.Kind.REFRESH_HIT)).hasSize(1);
  }

  @Test
  void failedRefreshKeepsTheOldValueAndLetsTheNextOneRun() {
    Prices flaky = sku -> {
      if (calls.incrementAndGet() == 2) {
        throw new IllegalStateException("origin down");
      }
      return calls.get() * 100L;
    };
    TieredPrices cached = new TieredPrices(flaky, runtime);
    assertThat(cached.price("sku")).isEqualTo(100);
    clock.advance(Duration.ofMinutes(1));

    assertThat(cached.price("sku")).isEqualTo(100);
    await().atMost(Duration.ofSeconds(5))
        .until(() -> !events.events(CacheEvent.Kind.REFRESH_MISS).isEmpty());
    assertThat(cached.price("sku")).isAnyOf(100L, 300L);

    await().atMost(Duration.ofSeconds(5)).until(() -> cached.price("sku") == 300);
    assertThat(calls.get()).isEqualTo(3);
  }

  @Test
  void entryIsReloadedOnceTheTtlPasses() {
    assertThat(prices.price("sku")).isEqualTo(100);
    price.set(300);
    clock.advance(Duration.ofMinutes(10));

    assertThat(prices.price("sku")).isEqualTo(300);
    assertThat(calls.get()).isEqualTo(2);
  }
}
