package io.tiered.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Runs the background refreshes of every cache of one runtime: on its executor (by default a
 * virtual thread each), at most a bounded number at once, and none once it is closed.
 *
 * <p>The bound turns 10,000 keys going stale together into a steady trickle of origin calls
 * rather than a flood. A refresh waiting for its turn parks its virtual thread on a
 * {@link Semaphore}, which never pins it; reads never wait for a refresh.
 */
final class RefreshScheduler implements AutoCloseable {
  /** Set on a thread while it runs a refresh: its origin call is one. */
  private static final ThreadLocal<Boolean> REFRESHING = new ThreadLocal<>();

  private final Executor executor;
  private final @Nullable ExecutorService owned;
  private final Semaphore permits;
  private final @Nullable TieredInstrumentation instrumentation;
  private volatile boolean closed;

  /** Refreshes on {@code executor}, or on a virtual thread each (closed with this) when null. */
  RefreshScheduler(@Nullable Executor executor, int limit) {
    this(executor, limit, null);
  }

  /**
   * As {@link #RefreshScheduler(Executor, int)}, each refresh wrapped by {@code instrumentation}
   * ({@link TieredInstrumentation#inBackground}) on the thread that schedules it.
   */
  RefreshScheduler(@Nullable Executor executor, int limit,
      @Nullable TieredInstrumentation instrumentation) {
    this.owned = executor == null
        ? Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("tiered-refresh-", 0).factory())
        : null;
    this.executor = executor == null ? owned : executor;
    this.permits = new Semaphore(limit);
    this.instrumentation = instrumentation;
  }

  /** Whether the calling thread is running a refresh. */
  static boolean isRefreshing() {
    return REFRESHING.get() != null;
  }

  /** Whether a refresh scheduled now could run. */
  boolean isOpen() {
    return !closed;
  }

  /**
   * Runs {@code refresh} on the executor once a permit is free, keeping the permit until
   * {@code done} completes. When it cannot run (the executor refused it, or its thread was
   * interrupted while waiting for a permit), {@code cannotRun} is told why, instead.
   */
  void schedule(Runnable refresh, CompletableFuture<?> done, Consumer<Throwable> cannotRun) {
    Runnable marked = () -> {
      REFRESHING.set(Boolean.TRUE);
      try {
        refresh.run();
      } finally {
        REFRESHING.remove();
      }
    };
    Runnable task = instrumentation == null ? marked : instrumentation.inBackground(marked);
    try {
      executor.execute(() -> {
        try {
          permits.acquire();
        } catch (InterruptedException interrupted) {
          cannotRun.accept(interrupted);
          return;
        }
        if (closed) { // queued on an executor of the caller's, which close() does not stop
          permits.release();
          cannotRun.accept(new RejectedExecutionException("the TieredRuntime was closed"));
          return;
        }
        done.whenComplete((value, error) -> permits.release());
        task.run();
      });
    } catch (RejectedExecutionException rejected) {
      cannotRun.accept(rejected);
    }
  }

  /** Stops scheduling; interrupts the refreshes of the executor it owns. Idempotent. */
  @Override
  public void close() {
    closed = true;
    if (owned != null) {
      owned.shutdownNow();
    }
  }
}
