package io.tiered.runtime;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * rather than a flood. A refresh past the bound waits in a queue, holding no thread, and is handed
 * to the executor when a running one ends; reads never wait for a refresh.
 */
final class RefreshScheduler implements AutoCloseable {
  /** Set on a thread while it runs a refresh: its origin call is one. */
  private static final ThreadLocal<Boolean> REFRESHING = new ThreadLocal<>();

  private final Executor executor;
  private final @Nullable ExecutorService owned;
  private final Semaphore permits;
  private final Queue<Scheduled> waiting = new ConcurrentLinkedQueue<>();
  private final @Nullable TieredInstrumentation instrumentation;
  private volatile boolean closed;

  /** A refresh waiting for its turn: see {@link #schedule}. */
  private record Scheduled(Runnable refresh, CompletableFuture<?> done,
      Consumer<Throwable> cannotRun) {}

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
   * Runs {@code refresh} on the executor once fewer than the bound run, until {@code done}
   * completes. When it cannot run (the executor refused it, or the runtime was closed first),
   * {@code cannotRun} is told why, instead, and must complete {@code done}.
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
    waiting.add(new Scheduled(
        instrumentation == null ? marked : instrumentation.inBackground(marked), done, cannotRun));
    startWaiting();
  }

  /**
   * Starts waiting refreshes while permits are free. Called after each change to either (a
   * refresh queued, one ended), so that none waits while a permit is free: whichever of the two
   * comes second finds the other's.
   */
  private void startWaiting() {
    while (!waiting.isEmpty() && permits.tryAcquire()) {
      Scheduled next = waiting.poll();
      if (next == null) {
        permits.release(); // another thread took it between isEmpty and poll
        continue;
      }
      start(next);
    }
  }

  private void start(Scheduled scheduled) {
    scheduled.done().whenComplete((value, error) -> {
      permits.release();
      startWaiting();
    });
    try {
      executor.execute(() -> {
        if (closed) { // handed to an executor of the caller's, which close() does not stop
          scheduled.cannotRun().accept(closedError());
        } else {
          scheduled.refresh().run();
        }
      });
    } catch (RejectedExecutionException rejected) {
      scheduled.cannotRun().accept(rejected);
    }
  }

  private static RejectedExecutionException closedError() {
    return new RejectedExecutionException("the TieredRuntime was closed");
  }

  /**
   * Stops scheduling: refreshes still waiting are told they cannot run; the refreshes of the
   * executor it owns are interrupted. Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    for (Scheduled left = waiting.poll(); left != null; left = waiting.poll()) {
      left.cannotRun().accept(closedError());
    }
    if (owned != null) {
      owned.shutdownNow();
    }
  }
}
