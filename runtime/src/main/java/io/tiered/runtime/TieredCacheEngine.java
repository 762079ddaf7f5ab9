package io.tiered.runtime;

import io.tiered.runtime.CacheEvent.Kind;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The multi-tier cache behind one cached method: L1, then fallback tiers in order, then the
 * origin; promotion, ttl, stale-while-revalidate refresh and stampede protection.
 *
 * <p>Concurrency: every load and refresh of a key is one {@link CompletableFuture} placed in
 * {@link #inFlight} with {@code putIfAbsent}; other callers wait on it outside any lock, so
 * virtual threads never pin and no loader ever runs inside a map computation. A load writes its
 * value to the tiers and then removes its future only if it is still the registered one; when an
 * invalidate or put removed it meanwhile, the load takes its write back, so a value loaded before
 * an invalidate is never served after it.
 */
final class TieredCacheEngine<K, V> implements TieredCache<K, V> {
  private static final int L1 = TierChain.L1;

  private final CacheDefinition<K, V> definition;
  private final TierChain<K, V> chain;
  private final LocalTier<K, V> l1;
  private final Origin<K, V> origin;
  private final TieredRuntime runtime;
  private final InstantSource clock;
  private final Telemetry telemetry;
  private final HitCounter l1Hits;
  /** No listener and no refresh-after: a hit is a lookup and a count, nothing more. */
  private final boolean plainHits;
  private final long refreshAfterMillis;
  private final ConcurrentHashMap<K, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();

  TieredCacheEngine(CacheDefinition<K, V> definition, LocalTier<K, V> l1,
      List<Level<K, V>> levels, Origin<K, V> origin, TieredRuntime runtime, Telemetry telemetry) {
    this.definition = definition;
    this.chain = new TierChain<>(definition.name(), l1, levels, telemetry, runtime.insertPolicy(),
        runtime.clock());
    this.l1 = l1;
    this.origin = origin;
    this.runtime = runtime;
    this.clock = runtime.clock();
    this.telemetry = telemetry;
    this.l1Hits = telemetry.tier(L1).hits;
    this.plainHits = !telemetry.enabled() && definition.refreshAfter() == null;
    this.refreshAfterMillis = definition.refreshAfter() == null
        ? Long.MAX_VALUE
        : definition.refreshAfter().toMillis();
  }

  @Override
  public String name() {
    return definition.name();
  }

  // The hit path is kept in small methods, and the rest out of them, so that the JIT inlines the
  // whole of it (Caffeine's lookup included) into the generated proxy method.

  @Override
  public @Nullable V get(K key) {
    if (plainHits && key != null) {
      Object stored = l1.lookup(key);
      if (stored != null) {
        l1Hits.increment();
        return l1.valueOf(stored);
      }
    }
    return getOrLoad(key);
  }

  private @Nullable V getOrLoad(K key) {
    if (key != null) {
      long requestId = telemetry.newRequestId();
      Object hit = readL1(key, requestId);
      if (hit != null) {
        return l1.valueOf(hit);
      }
      return join(load(key, requestId));
    }
    return join(origin.load(key));
  }

  @Override
  public CompletableFuture<V> getAsync(K key) {
    if (key != null) {
      long requestId = telemetry.newRequestId();
      Object hit = readL1(key, requestId);
      if (hit != null) {
        return CompletableFuture.completedFuture(l1.valueOf(hit));
      }
      return load(key, requestId);
    }
    return origin.load(key);
  }

  /** What L1 holds fresh for {@code key}, scheduling a refresh when it is stale; else null. */
  private @Nullable Object readL1(K key, long requestId) {
    long start = telemetry.start();
    Object stored = l1.lookup(key);
    if (stored != null && isFreshInL1(key, stored, requestId)) {
      l1Hits.increment();
      if (telemetry.enabled()) {
        telemetry.tierEvent(Kind.HIT, L1, requestId, start);
      }
      return stored;
    }
    missedL1(stored != null, requestId, start);
    return null;
  }

  private void missedL1(boolean expired, long requestId, long start) {
    telemetry.tier(L1).misses.increment();
    telemetry.tierEvent(expired ? Kind.EXPIRED : Kind.MISS, L1, requestId, start);
  }

  /**
   * Whether what L1 returned may be served, scheduling a refresh when it is stale. Without
   * refresh-after the clock is not read at all: L1 (Caffeine) already drops entries past their
   * ttl, and a clock read costs as much as the rest of the hit path.
   */
  private boolean isFreshInL1(K key, Object stored, long requestId) {
    if (refreshAfterMillis == Long.MAX_VALUE) {
      return true;
    }
    @SuppressWarnings("unchecked") // with refresh-after, L1 keeps entries
    CacheEntry<V> entry = (CacheEntry<V>) stored;
    long now = clock.millis();
    if (entry.isExpiredAt(now)) {
      return false;
    }
    if (entry.ageMillis(now) >= refreshAfterMillis) {
      scheduleRefresh(key, requestId);
    }
    return true;
  }

  /** Joins the load in flight for {@code key}, or starts one. */
  private CompletableFuture<V> load(K key, long requestId) {
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> running = inFlight.putIfAbsent(key, mine);
    if (running != null) {
      return awaitCoalesced(running, requestId);
    }
    if (peekL1(key) == null) {
      loadThroughChain(key, mine, requestId, false);
      return mine;
    }
    // A load finished between our L1 miss and putIfAbsent: its value is in L1. Leave the map,
    // then read L1 again for whoever joined us meanwhile: a value read while we could still be
    // joined may be invalidated (by a write that began before we joined the map, and so did not
    // remove us) before a caller that started after that invalidate joins us.
    inFlight.remove(key, mine);
    Object landed = peekL1(key);
    if (landed != null) {
      mine.complete(l1.valueOf(landed));
    } else { // invalidated between the two reads: start over
      load(key, requestId).whenComplete((value, error) -> {
        if (error == null) {
          mine.complete(value);
        } else {
          mine.completeExceptionally(unwrap(error));
        }
      });
    }
    return mine;
  }

  private CompletableFuture<V> awaitCoalesced(CompletableFuture<V> running, long requestId) {
    telemetry.coalescedWaits.increment();
    if (telemetry.enabled()) {
      long start = telemetry.start();
      running.whenComplete((value, error) -> telemetry.originEvent(
          error == null ? Kind.LOADED : Kind.LOAD_FAILED, requestId, start, true, unwrap(error)));
    }
    return running;
  }

  @SuppressWarnings("unchecked")
  private @Nullable Object peekL1(K key) {
    Object stored = l1.lookup(key);
    if (stored != null && l1.keepsEntries()
        && ((CacheEntry<V>) stored).isExpiredAt(clock.millis())) {
      return null;
    }
    return stored;
  }

  private void scheduleRefresh(K key, long requestId) {
    if (runtime.isClosed() || inFlight.containsKey(key)) {
      return;
    }
    CompletableFuture<V> mine = new CompletableFuture<>();
    if (inFlight.putIfAbsent(key, mine) != null) {
      return;
    }
    try {
      runtime.refreshExecutor().execute(() -> refresh(key, mine, requestId));
    } catch (RejectedExecutionException rejected) {
      settleFailure(key, mine, rejected, requestId, true);
    }
  }

  /** Runs on the refresh executor: waits for a permit, so a burst never floods the origin. */
  private void refresh(K key, CompletableFuture<V> mine, long requestId) {
    RefreshPermits permits = runtime.refreshPermits();
    try {
      permits.acquire();
    } catch (InterruptedException interrupted) {
      settleFailure(key, mine, interrupted, requestId, true);
      return;
    }
    mine.whenComplete((value, error) -> permits.release());
    loadThroughChain(key, mine, requestId, true);
  }

  /**
   * Reads the fallback tiers in order, then calls the origin, and settles {@code mine}. Never
   * throws: whatever happens, the key leaves {@link #inFlight} and {@code mine} completes.
   */
  private void loadThroughChain(K key, CompletableFuture<V> mine, long requestId,
      boolean refresh) {
    try {
      BooleanSupplier stillCurrent = () -> inFlight.get(key) == mine;
      long maxAgeMillis = refresh ? refreshAfterMillis : Long.MAX_VALUE;
      for (int level = 1; level < chain.size(); level++) {
        if (refresh && !chain.level(level).promote()) {
          continue; // a refresh exists to renew L1, which this tier never feeds
        }
        CacheEntry<V> found = chain.read(level, key, requestId, maxAgeMillis);
        if (found != null) {
          chain.promote(key, found, level, requestId, stillCurrent);
          settleValue(key, mine, found.value(), level, requestId, refresh);
          return;
        }
      }
      long start = telemetry.start();
      origin.load(key).whenComplete((value, error) -> {
        if (error == null) {
          telemetry.loads.increment();
          telemetry.originEvent(Kind.LOADED, requestId, start, false, null);
          if (isCacheable(value)) {
            chain.store(key, value, requestId, stillCurrent);
          }
          settleValue(key, mine, value, -1, requestId, refresh);
        } else {
          Throwable cause = unwrap(error);
          telemetry.loadFailures.increment();
          telemetry.originEvent(Kind.LOAD_FAILED, requestId, start, false, cause);
          settleFailure(key, mine, cause, requestId, refresh);
        }
      });
    } catch (Throwable unexpected) {
      settleFailure(key, mine, unexpected, requestId, refresh);
    }
  }

  private void settleValue(K key, CompletableFuture<V> mine, @Nullable V value, int source,
      long requestId, boolean refresh) {
    if (!inFlight.remove(key, mine)) {
      // Invalidated (or overwritten) while loading: take back what this load wrote.
      chain.invalidate(L1, chain.size(), key, requestId);
    }
    if (refresh) {
      telemetry.refreshes.increment();
      if (telemetry.enabled()) {
        String from = source < 0 ? CacheEvent.ORIGIN : chain.level(source).name();
        telemetry.namedTierEvent(Kind.REFRESH_HIT, from, requestId);
      }
    }
    mine.complete(value);
  }

  private void settleFailure(K key, CompletableFuture<V> mine, Throwable failure, long requestId,
      boolean refresh) {
    inFlight.remove(key, mine);
    if (refresh) {
      telemetry.refreshFailures.increment();
      telemetry.originEvent(Kind.REFRESH_MISS, requestId, 0, false, failure);
    }
    mine.completeExceptionally(failure);
  }

  private boolean isCacheable(@Nullable V value) {
    return definition.cacheNulls()
        || (value != null && !(value instanceof Optional<?> optional && optional.isEmpty()));
  }

  @Override
  public void put(K key, @Nullable V value) {
    if (!isCacheable(value)) {
      invalidate(key);
      return;
    }
    long requestId = telemetry.newRequestId();
    writeFallbacksThenL1(key, chain.size(),
        (from, until) -> chain.store(from, until, key, value, requestId, null));
  }

  @Override
  public void invalidate(K key) {
    invalidateBefore(chain.size(), key, telemetry.newRequestId());
  }

  /** Removes {@code key} from the levels before {@code end}, L1 last. */
  private void invalidateBefore(int end, K key, long requestId) {
    writeFallbacksThenL1(key, end, (from, until) -> chain.invalidate(from, until, key, requestId));
  }

  /**
   * Applies a write of {@code key} to the fallback levels before {@code end}, then to L1, dropping
   * the load in flight before each. A load that started after the first drop may read a fallback
   * level before the write reaches it, so it must be dropped again before L1 is written, or it
   * could land that older value in L1 afterwards.
   */
  private void writeFallbacksThenL1(K key, int end, LevelRange write) {
    inFlight.remove(key);
    write.apply(L1 + 1, end);
    inFlight.remove(key);
    write.apply(L1, L1 + 1);
  }

  /** A write to the levels from {@code from} up to, not including, {@code end}. */
  @FunctionalInterface
  private interface LevelRange {
    void apply(int from, int end);
  }

  @Override
  public void invalidateAll() {
    clearBefore(chain.size());
  }

  /** As {@link #invalidateBefore}, for every key. */
  private void clearBefore(int end) {
    long requestId = telemetry.newRequestId();
    inFlight.clear();
    chain.clear(L1 + 1, end, requestId);
    // Exclusive of every load's conditional L1 write: a clear walks the map without taking each
    // key's lock, so a write checked just before it could otherwise land just after it.
    l1.exclusively(() -> {
      inFlight.clear();
      chain.clear(L1, L1 + 1, requestId);
    });
  }

  /** What the tier at {@code level} sees as its upstream: the levels in front of it. */
  TierSpec.Upstream<K> upstreamOf(int level) {
    return new TierSpec.Upstream<>() {
      @Override
      public void invalidate(K key) {
        invalidateBefore(level, key, telemetry.newRequestId());
      }

      @Override
      public void invalidateAll() {
        clearBefore(level);
      }
    };
  }

  @Override
  public CacheStats stats() {
    return chain.stats();
  }

  /** Keys whose load or refresh is running; empty when the cache is idle. */
  int inFlightCount() {
    return inFlight.size();
  }

  @Override
  public String toString() {
    return "TieredCache[" + definition.name() + "]";
  }

  private static Throwable unwrap(@Nullable Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** Waits for a load outside any lock and rethrows the origin's own exception, checked or not. */
  private static <V> V join(CompletableFuture<V> future) {
    try {
      return future.join();
    } catch (CompletionException failure) {
      throw TieredCacheEngine.<RuntimeException>sneakyThrow(unwrap(failure));
    }
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E sneakyThrow(Throwable failure) throws E {
    throw (E) failure;
  }
}
