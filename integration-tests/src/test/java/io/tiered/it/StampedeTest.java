package io.tiered.it;

import static com.google.common.truth.Truth.assertThat;

import io.tiered.runtime.CacheEvent;
import io.tiered.runtime.TieredRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * 500 virtual threads miss the same key at once: one origin call. The origin holds its answer
 * until every other caller is parked waiting for it, so none can arrive after the load settled.
 */
class StampedeTest {
  private static final int CALLERS = 500;

  private final EventRecorder events = new EventRecorder();
  private final TieredRuntime runtime = TieredRuntime.builder().listener(events).build();
  private final AtomicInteger calls = new AtomicInteger();
  private final CountDownLatch started = new CountDownLatch(CALLERS);
  private final List<Thread> callers = new ArrayList<>();

  @AfterEach
  void close() {
    runtime.close();
  }

  @Test
  void concurrentMissesMakeOneOriginCallAndShareItsValue() throws Exception {
    Product value = new Product("sku", "one", 1);
    TieredCatalog catalog = new TieredCatalog(origin(() -> value), runtime);
    Set<Object> results = ConcurrentHashMap.newKeySet();

    runCallers(() -> results.add(catalog.product("sku")));

    assertThat(calls.get()).isEqualTo(1);
    assertThat(results).containsExactly(value);
    assertThat(events.events(CacheEvent.Kind.LOADED).stream().filter(CacheEvent::coalesced).count())
        .isEqualTo(CALLERS - 1);
  }

  @Test
  void everyCallerGetsTheSameExceptionWhenTheLoadFails() throws Exception {
    IllegalStateException failure = new IllegalStateException("origin down");
    TieredCatalog catalog = new TieredCatalog(origin(() -> {
      throw failure;
    }), runtime);
    Set<Object> thrown = ConcurrentHashMap.newKeySet();

    runCallers(() -> {
      try {
        catalog.product("sku");
      } catch (IllegalStateException e) {
        thrown.add(e);
      }
    });

    assertThat(calls.get()).isEqualTo(1);
    assertThat(thrown).containsExactly(failure);
  }

  private Catalog origin(Supplier<Product> answer) {
    return new FakeCatalog() {
      @Override
      public Product product(String sku) {
        calls.incrementAndGet();
        awaitOtherCallersParked();
        return answer.get();
      }
    };
  }

  private void awaitOtherCallersParked() {
    try {
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!allOthersWaiting()) {
        assertThat(System.nanoTime()).isLessThan(deadline);
        Thread.sleep(1);
      }
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private boolean allOthersWaiting() {
    synchronized (callers) {
      return callers.stream().filter(thread -> thread != Thread.currentThread())
          .allMatch(thread -> thread.getState() == Thread.State.WAITING);
    }
  }

  private void runCallers(Runnable call) throws InterruptedException {
    synchronized (callers) {
      for (int i = 0; i < CALLERS; i++) {
        callers.add(Thread.ofVirtual().unstarted(() -> {
          started.countDown();
          call.run();
        }));
      }
    }
    callers.forEach(Thread::start);
    for (Thread caller : callers) {
      assertThat(caller.join(Duration.ofSeconds(30))).isTrue();
    }
  }
}
