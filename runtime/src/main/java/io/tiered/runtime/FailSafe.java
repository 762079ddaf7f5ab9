package io.tiered.runtime;

import io.tiered.runtime.internal.CacheDefinition;
import io.tiered.runtime.internal.FailSafeDefinition;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Stale-if-error for one cache ({@code @StaleIfError}): turns a load that failed, or that passed
 * its soft timeout, into the stale value of its key when one may still be served.
 *
 * <p>A stale value is an entry past its ttl and before its ttl plus the stale window: in L1, or
 * read from a fallback tier by the load (an instance restarted during an outage has only that).
 * It is looked for only once the load failed or timed out, so a fresh value is never hidden, and
 * judged at that moment, so none is served after its window. Each stale answer is counted once,
 * for the caller it answers.
 */
final class FailSafe<K, V> {
  private static final System.Logger LOG = System.getLogger(FailSafe.class.getName());
  /** At most one warning per cache this often, saying how many stale answers it stands for. */
  private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
  /**
   * The most loads of one cache that run on threads of their own at once; past it, a load runs on
   * its caller's thread. Far above what a healthy origin keeps busy (1,000 misses a second of
   * 100 ms each make 100); reached when the origin hangs, which would otherwise leave a thread
   * per distinct key.
   */
  static final int MAX_BACKGROUND_LOADS = 1_024;

  private final String cacheName;
  private final TierChain<K, V> chain;
  private final InstantSource clock;
  private final Telemetry telemetry;
  private final long staleMillis;
  /** 0 when calls wait for their load. */
  private final long softTimeoutNanos;
  private final @Nullable Executor afterSoftTimeout;
  private final Semaphore backgroundLoads = new Semaphore(MAX_BACKGROUND_LOADS);
  private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
  private final AtomicLong unreported = new AtomicLong();

  FailSafe(CacheDefinition<K, V> definition, FailSafeDefinition failSafe, TierChain<K, V> chain,
      InstantSource clock, Telemetry telemetry) {
    this.cacheName = definition.name();
    this.chain = chain;
    this.clock = clock;
    this.telemetry = telemetry;
    this.staleMillis = failSafe.staleFor().toMillis();
    Duration softTimeout = failSafe.softTimeout();
    this.softTimeoutNanos = softTimeout == null ? 0 : softTimeout.toNanos();
    this.afterSoftTimeout = softTimeout == null
        ? null
        : CompletableFuture.delayedExecutor(softTimeoutNanos, TimeUnit.NANOSECONDS);
  }

  /** Whether calls stop waiting for a load at a soft timeout. */
  boolean hasSoftTimeout() {
    return softTimeoutNanos != 0;
  }

  /**
   * Starts {@code load} on a virtual thread of its own, so that its caller, whose thread would
   * otherwise run a synchronous origin, can stop waiting for it at the soft timeout; it counts
   * against {@link #MAX_BACKGROUND_LOADS} until {@code settled} completes. Returns false, having
   * started nothing, past that bound: the caller then runs the load itself and waits for it, as
   * without a soft timeout. Never a stale answer instead, which would hide a fresh value when the
   * origin is merely busy; never an error, which the origin did not raise. Callers joining the
   * load keep their soft timeout.
   */
  boolean startLoad(Runnable load, CompletableFuture<?> settled) {
    if (!backgroundLoads.tryAcquire()) {
      return false;
    }
    settled.whenComplete((value, error) -> backgroundLoads.release());
    Thread.ofVirtual().name("tiered-load-" + cacheName).start(telemetry.inBackground(load));
    return true;
  }

  /**
   * What a synchronous call gets from {@code load}: its value; else, when it fails or passes the
   * soft timeout, the stale value if there is one (in L1, or kept by the load: see
   * {@link Load#keepExpired}); else what the load throws.
   */
  @Nullable V await(K key, Load<K, V> load, long requestId) {
    if (softTimeoutNanos != 0 && !load.isDone()) {
      try {
        return load.get(softTimeoutNanos, TimeUnit.NANOSECONDS);
      } catch (TimeoutException late) {
        StaleEntry<V> stale = servable(key, load);
        if (stale != null) {
          return served(stale, softTimeoutPassed(), true, requestId);
        }
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt(); // a join below is not interruptible, as without this
      } catch (ExecutionException | CancellationException failed) {
        // judged below, as when the load fails without a soft timeout
      }
    }
    try {
      return load.join();
    } catch (CompletionException | CancellationException failure) {
      Throwable cause = Futures.unwrap(failure);
      StaleEntry<V> stale = servable(key, load);
      if (stale == null) {
        throw Futures.<RuntimeException>sneakyThrow(cause);
      }
      return served(stale, cause, false, requestId);
    }
  }

  /**
   * What an asynchronous call gets from {@code load}, as {@link #await}: a future of its own, so
   * that one caller answered stale does not decide what the others get.
   */
  CompletableFuture<V> answer(K key, Load<K, V> load, long requestId) {
    CompletableFuture<V> answer = new CompletableFuture<>();
    // Decided once, by the load or the soft timeout; a stale answer is counted before the caller
    // can see it.
    AtomicBoolean decided = new AtomicBoolean();
    load.whenComplete((value, error) -> {
      if (!decided.compareAndSet(false, true)) {
        return;
      }
      if (error == null) {
        answer.complete(value);
        return;
      }
      Throwable cause = Futures.unwrap(error);
      StaleEntry<V> stale = servable(key, load);
      if (stale == null) {
        answer.completeExceptionally(cause);
      } else {
        answer.complete(served(stale, cause, false, requestId));
      }
    });
    if (afterSoftTimeout != null && !decided.get()) {
      afterSoftTimeout.execute(() -> {
        StaleEntry<V> stale = decided.get() ? null : servable(key, load);
        if (stale != null && decided.compareAndSet(false, true)) {
          answer.complete(served(stale, softTimeoutPassed(), true, requestId));
        }
      });
    }
    return answer;
  }

  /** The newest stale entry of {@code key} that may still be served now, or null. */
  private @Nullable StaleEntry<V> servable(K key, Load<K, V> load) {
    StaleEntry<V> best = load.staleEntry();
    // Never an entry one of whose tags was invalidated: out of date, not merely old.
    if (chain.lookupL1(key) instanceof CacheEntry<?> inL1 && inL1.isTagCurrent()) {
      @SuppressWarnings("unchecked")
      CacheEntry<V> entry = (CacheEntry<V>) inL1;
      best = new StaleEntry<>(entry, Levels.L1).newer(best);
    }
    if (best == null) {
      return null;
    }
    long now = clock.millis();
    CacheEntry<V> entry = best.entry();
    // Expired, so a load was due; not expired a stale window ago, so still within it.
    boolean inWindow = entry.isExpiredAt(now) && !entry.isExpiredAt(now - staleMillis);
    return inWindow ? best : null;
  }

  private @Nullable V served(StaleEntry<V> stale, Throwable cause, boolean timedOut,
      long requestId) {
    telemetry.staleServed(stale.level(), requestId, cause, timedOut);
    warn(stale, cause, timedOut);
    return stale.entry().value();
  }

  private TimeoutException softTimeoutPassed() {
    return new TimeoutException(cacheName + ": the load passed its soft timeout of "
        + Duration.ofNanos(softTimeoutNanos) + "; it goes on in the background");
  }

  /** One warning per interval, so that an outage under load does not flood the log. */
  private void warn(StaleEntry<V> stale, Throwable cause, boolean timedOut) {
    unreported.incrementAndGet();
    long now = System.nanoTime();
    long last = lastWarning.get();
    if (now - last < LOG_INTERVAL_NANOS || !lastWarning.compareAndSet(last, now)) {
      return;
    }
    long reported = unreported.getAndSet(0);
    LOG.log(System.Logger.Level.WARNING, "Serving stale values of " + cacheName + " ("
        + reported + " since the last warning): "
        + (timedOut ? "a load passed its soft timeout" : "the origin failed: " + cause)
        + "; the latest was loaded at " + stale.entry().cachedAt());
  }
}
