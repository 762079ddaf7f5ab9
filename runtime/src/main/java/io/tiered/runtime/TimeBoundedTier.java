package io.tiered.runtime;

import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A tier of {@link Tiers#withTimeout}: runs each operation of its delegate on a virtual thread of
 * its own and waits for it at most the timeout, then throws {@link TierTimeoutException}.
 *
 * <p>An operation given up on is interrupted, and counts as stuck until it really ends. The count
 * is shared by every tier of one factory; once it reaches the bound, new operations fail at once
 * without a thread, so a store that hangs for good holds a bounded number of threads.
 *
 * <p>A put given up on may still land later, after a newer invalidate of its key, and would then
 * serve a value loaded before that invalidate. So when such a put ends, however it ends, this tier
 * invalidates its key in the delegate: a late write never survives. Until that undo is done, a get
 * of the key reports a miss, as does a get that overlapped any undo: otherwise it could read the
 * late write in between and the engine would promote it into L1. A late invalidate or clear only
 * removes entries and needs nothing.
 */
final class TimeBoundedTier<K, V> implements CacheTier<K, V> {
  private static final System.Logger LOG = System.getLogger(TimeBoundedTier.class.getName());
  private static final String FIX =
      "raise the timeout given to Tiers.withTimeout, or find why the tier hangs";

  private final CacheTier<K, V> delegate;
  private final String cacheName;
  private final String tierName;
  private final Duration timeout;
  private final long timeoutNanos;
  private final AtomicInteger stuck;
  private final int maxStuck;
  private final ThreadFactory threads;
  /**
   * Marks the keys of puts given up on until they are undone, and counts undos, so that a get can
   * tell whether one happened while it read.
   */
  private final LateWriteFence<K> lateWrites = new LateWriteFence<>(true);

  private TimeBoundedTier(CacheTier<K, V> delegate, TierSpec<K, V> spec, Duration timeout,
      AtomicInteger stuck, int maxStuck) {
    this.delegate = delegate;
    this.cacheName = spec.cacheName();
    this.tierName = spec.tierName();
    this.timeout = timeout;
    this.timeoutNanos = TimeUnit.NANOSECONDS.convert(timeout); // saturates instead of overflowing
    this.stuck = stuck;
    this.maxStuck = maxStuck;
    this.threads = Thread.ofVirtual().name("tiered-" + tierName + "-" + cacheName).factory();
  }

  /** A factory whose tiers bound {@code tiers}' tiers; arguments already validated. */
  static TierFactory factory(TierFactory tiers, Duration timeout, int maxStuck) {
    AtomicInteger stuck = new AtomicInteger(); // per factory: its tiers usually share one store
    return new TierFactory() {
      @Override
      public <K, V> CacheTier<K, V> create(TierSpec<K, V> spec) {
        CacheTier<K, V> delegate = Objects.requireNonNull(tiers.create(spec), () -> "TierFactory "
            + tiers + " returned null for tier '" + spec.tierName() + "' of " + spec.cacheName());
        return new TimeBoundedTier<>(delegate, spec, timeout, stuck, maxStuck);
      }

      @Override
      public String toString() {
        return "Tiers.withTimeout(" + tiers + ", " + describe(timeout) + ")";
      }
    };
  }

  @Override
  public @Nullable CacheEntry<V> get(K key) {
    return checked(key, () -> delegate.get(key));
  }

  @Override
  public @Nullable CacheEntry<V> getForLoad(K key, Object load) {
    return checked(key, () -> delegate.getForLoad(key, load));
  }

  /** What {@code read} returns for {@code key}, unless it may be a late put's write. */
  private @Nullable CacheEntry<V> checked(K key, Supplier<@Nullable CacheEntry<V>> read) {
    long undosBefore = lateWrites.now();
    CacheEntry<V> entry = call("get", read, null);
    if (entry != null && (lateWrites.isMarked(key) || lateWrites.anyUndoneSince(undosBefore))) {
      return null; // may be a late put's write, read before its undo
    }
    return entry;
  }

  /** One call of the delegate's getAll, with what {@link #get} drops dropped key by key. */
  @Override
  public Map<K, CacheEntry<V>> getAll(Collection<? extends K> keys) {
    return readAll(() -> delegate.getAll(keys));
  }

  /** As {@link #getAll}, of the delegate's {@link CacheTier#getAllForLoad}. */
  @Override
  public Map<K, CacheEntry<V>> getAllForLoad(Map<? extends K, ?> loads) {
    return readAll(() -> delegate.getAllForLoad(loads));
  }

  private Map<K, CacheEntry<V>> readAll(Supplier<Map<K, CacheEntry<V>>> read) {
    long undosBefore = lateWrites.now();
    Map<K, CacheEntry<V>> found = call("getAll", read, null);
    if (lateWrites.anyUndoneSince(undosBefore)) {
      return Map.of(); // any entry may be a late put's write, read before its undo
    }
    Map<K, CacheEntry<V>> kept = new HashMap<>(found);
    kept.keySet().removeIf(lateWrites::isMarked);
    return kept;
  }

  // putAll stays the default, a put per key: each put given up on is then undone key by key.

  /**
   * One call of the delegate's {@link CacheTier#putAllLoaded}: its writes may be conditional (a
   * lease per key), which puts one by one would lose. Given up on, every one of its keys is undone
   * once it ends.
   */
  @Override
  public Set<K> putAllLoaded(Map<? extends K, CacheEntry<V>> entries, Map<? extends K, ?> loads) {
    return call("putAll", () -> delegate.putAllLoaded(entries, loads),
        List.copyOf(entries.keySet()));
  }

  @Override
  public Set<K> putAllFromDroppedLoads(Map<? extends K, CacheEntry<V>> entries,
      Map<? extends K, ?> loads) {
    return call("putAll", () -> delegate.putAllFromDroppedLoads(entries, loads),
        List.copyOf(entries.keySet()));
  }

  @Override
  public void loadsAbandoned(Map<? extends K, ?> loads) {
    run("loadAbandoned", () -> delegate.loadsAbandoned(loads), null);
  }

  @Override
  public void put(K key, CacheEntry<V> entry) {
    run("put", () -> delegate.put(key, entry), List.of(key));
  }

  @Override
  public boolean putLoaded(K key, CacheEntry<V> entry, Object load) {
    return call("put", () -> delegate.putLoaded(key, entry, load), List.of(key));
  }

  @Override
  public void beginPut(K key, Object put) {
    run("beginPut", () -> delegate.beginPut(key, put), null);
  }

  @Override
  public boolean putWritten(K key, CacheEntry<V> entry, Object put) {
    return call("put", () -> delegate.putWritten(key, entry, put), List.of(key));
  }

  @Override
  public void loadAbandoned(K key, Object load) {
    run("loadAbandoned", () -> delegate.loadAbandoned(key, load), null);
  }

  @Override
  public boolean fencesLoadWrites() {
    return delegate.fencesLoadWrites();
  }

  @Override
  public boolean putFromDroppedLoad(K key, CacheEntry<V> entry, Object load) {
    return call("put", () -> delegate.putFromDroppedLoad(key, entry, load), List.of(key));
  }

  @Override
  public void takeBack(K key, Object load) {
    run("takeBack", () -> delegate.takeBack(key, load), null);
  }


  @Override
  public void invalidate(K key) {
    run("invalidate", () -> delegate.invalidate(key), null);
  }

  @Override
  public void invalidateAll(Iterable<? extends K> keys) {
    run("invalidateAll", () -> delegate.invalidateAll(keys), null);
  }

  @Override
  public void clear() {
    run("clear", delegate::clear, null);
  }

  @Override
  public OptionalLong size() {
    return call("size", delegate::size, null);
  }

  private void run(String operation, Runnable body, @Nullable Collection<? extends K> written) {
    call(operation, () -> {
      body.run();
      return null;
    }, written);
  }

  /**
   * Runs {@code body} on its own thread and returns its result, or throws what it threw.
   * {@code written} are the keys a put writes, to undo should it end after the caller gave up.
   */
  private <T> T call(String operation, Supplier<T> body,
      @Nullable Collection<? extends K> written) {
    int alreadyStuck = stuck.get();
    if (alreadyStuck >= maxStuck) {
      throw new TierTimeoutException(cacheName + ": tier '" + tierName + "' did not start "
          + operation + ": " + alreadyStuck + " operations of its factory are still stuck past "
          + "their " + describe(timeout) + " timeout (the bound is " + maxStuck + "); " + FIX);
    }
    if (Thread.currentThread().isInterrupted()) {
      throw interrupted(operation); // it could not wait anyway: no thread to leave behind
    }
    CompletableFuture<Outcome<T>> outcome = new CompletableFuture<>();
    Thread thread = threads.newThread(() -> perform(body, outcome, written));
    thread.start();
    try {
      return outcome.get(timeoutNanos, TimeUnit.NANOSECONDS).result();
    } catch (TimeoutException late) {
      return giveUp(outcome, thread, written, new TierTimeoutException(cacheName + ": tier '"
          + tierName + "' did not finish " + operation + " within " + describe(timeout) + "; "
          + FIX)).result();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt(); // the caller's interrupt is not ours to swallow
      return giveUp(outcome, thread, written, interrupted(operation)).result();
    } catch (ExecutionException impossible) {
      throw new IllegalStateException("outcomes are never exceptional", impossible);
    }
  }

  private TierTimeoutException interrupted(String operation) {
    return new TierTimeoutException(cacheName + ": gave up on " + operation + " of tier '"
        + tierName + "' (timeout " + describe(timeout) + ") because the calling thread was "
        + "interrupted; its interrupt flag is kept");
  }

  /** Runs on the operation's own thread. */
  private <T> void perform(Supplier<T> body, CompletableFuture<Outcome<T>> outcome,
      @Nullable Collection<? extends K> written) {
    Outcome<T> done;
    try {
      done = new Outcome<>(body.get(), null);
    } catch (Throwable failure) {
      done = new Outcome<>(null, failure);
    }
    if (!outcome.complete(done)) {
      finishLate(written);
    }
  }

  /**
   * Settles {@code outcome} with {@code reason}, unless the operation finished just now; returns
   * whichever outcome won.
   */
  private <T> Outcome<T> giveUp(CompletableFuture<Outcome<T>> outcome, Thread thread,
      @Nullable Collection<? extends K> written, TierTimeoutException reason) {
    // Both before the operation can see it lost, and count itself out or undo itself.
    stuck.incrementAndGet();
    if (written != null) {
      written.forEach(lateWrites::mark);
    }
    if (outcome.complete(new Outcome<>(null, reason))) {
      // Only after giving up: interrupted sooner, the operation could fail first with its own
      // exception, and the caller would not learn that it timed out.
      thread.interrupt();
    } else {
      stuck.decrementAndGet();
      if (written != null) {
        written.forEach(lateWrites::unmark);
      }
    }
    return outcome.resultNow();
  }

  /** An operation the caller gave up on has ended: undo what it may have written. */
  private void finishLate(@Nullable Collection<? extends K> written) {
    if (written == null) {
      stuck.decrementAndGet();
      return;
    }
    // On a new thread, because the caller's interrupt may still reach this one and cut it short.
    threads.newThread(() -> {
      try {
        if (written.size() == 1) {
          delegate.invalidate(written.iterator().next());
        } else {
          delegate.invalidateAll(List.copyOf(written));
        }
      } catch (RuntimeException failure) {
        LOG.log(System.Logger.Level.WARNING, cacheName + ": tier '" + tierName
            + "' may still hold a value of a put that timed out: invalidating it failed", failure);
      } finally {
        written.forEach(lateWrites::undone); // before the keys are unmarked: see get
        written.forEach(lateWrites::unmark);
        stuck.decrementAndGet();
      }
    }).start();
  }

  /** "30s" or "250ms" when whole, else ISO-8601: as durations are written in annotations. */
  static String describe(Duration duration) {
    if (duration.getNano() == 0) {
      return duration.getSeconds() + "s";
    }
    return duration.getNano() % 1_000_000 == 0 && duration.getSeconds() < Long.MAX_VALUE / 1000
        ? duration.toMillis() + "ms"
        : duration.toString();
  }

  @Override
  public String toString() {
    return "TimeBoundedTier{delegate=" + delegate + ", timeout=" + describe(timeout) + "}";
  }

  /** What the delegate did: returned {@code value}, or threw {@code failure}. */
  private record Outcome<T>(@Nullable T value, @Nullable Throwable failure) {

    /** The value, or the very exception the delegate threw. */
    T result() {
      if (failure == null) {
        return value;
      }
      if (failure instanceof RuntimeException unchecked) {
        throw unchecked;
      }
      if (failure instanceof Error error) {
        throw error;
      }
      // A checked exception thrown sneakily: wrapped, so the engine still counts it as a failure.
      throw new UndeclaredThrowableException(failure);
    }
  }
}
