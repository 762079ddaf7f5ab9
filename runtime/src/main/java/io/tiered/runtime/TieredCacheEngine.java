package io.tiered.runtime;

import com.github.benmanes.caffeine.cache.Cache;
import io.tiered.runtime.CacheEvent.Kind;
import io.tiered.runtime.internal.BulkCache;
import io.tiered.runtime.internal.CacheDefinition;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The multi-tier cache behind one cached method: L1, then fallback tiers in order, then the
 * origin; promotion, ttl, stale-while-revalidate refresh and stampede protection. This is its
 * front: the hit path, and the calls handed to the owners of the rest. {@link Freshness} judges
 * what L1 holds; {@link ChainLoad} loads a key L1 misses, once however many callers want it
 * ({@link InFlight}), through the steps every load takes ({@link ChainWalk}); {@link WriteOrder}
 * orders puts and invalidations against those loads and each other.
 */
final class TieredCacheEngine<K, V> implements TieredCache<K, V> {
  private final String name;
  private final TierChain<K, V> chain;
  /** L1's Caffeine cache, read directly by the hit path (one dereference, not three). */
  private final Cache<K, Object> l1Lookups;
  private final HitCounter l1Hits;
  /**
   * No HIT listener, no refresh-after: a hit is a lookup and a count, nothing more (tags too: an
   * invalidation removes their entries from L1, see {@link TagIndex}).
   */
  private final boolean plainHits;
  private final Origin<K, V> origin;
  private final Telemetry telemetry;
  private final Freshness<K, V> freshness;
  private final ChainLoad<K, V> loads;
  private final WriteOrder<K, V> writes;
  // What the bulk reads of this cache share with its single-key reads, besides the above.
  private final TierReads<K, V> reads;
  private final InFlight<K, V> inFlight;
  private final ChainWalk<K, V> walk;
  private final RefreshScheduler refreshes;

  TieredCacheEngine(CacheDefinition<K, V> definition, TierChain<K, V> chain,
      TierWrites<K, V> tierWrites, Origin<K, V> origin, RefreshScheduler refreshes,
      InstantSource clock, Telemetry telemetry, KeyStamps<K> stamps) {
    this.name = definition.name();
    this.chain = chain;
    this.l1Lookups = chain.l1Lookups();
    this.l1Hits = telemetry.hits(Levels.L1);
    this.origin = origin;
    this.telemetry = telemetry;
    // With refresh-after or stale-if-error, L1 holds only timed entries, which the hit path's
    // first lookup would never serve.
    this.plainHits = !telemetry.wants(Kind.HIT) && definition.refreshAfter() == null
        && definition.failSafe() == null;
    long refreshAfterMillis = definition.refreshAfter() == null
        ? Long.MAX_VALUE
        : definition.refreshAfter().toMillis();
    FailSafe<K, V> failSafe = definition.failSafe() == null
        ? null
        : new FailSafe<>(definition, definition.failSafe(), chain, clock, telemetry);
    this.inFlight = new InFlight<>(telemetry, refreshes, stamps);
    this.refreshes = refreshes;
    LateWriteFence<K> lateWrites = new LateWriteFence<>(chain.size() > Levels.FIRST_FALLBACK);
    this.reads = new TierReads<>(chain, telemetry, clock);
    this.walk = new ChainWalk<>(definition, chain, tierWrites,
        new TierBatchWrites<>(chain, tierWrites, telemetry, clock), inFlight, lateWrites,
        telemetry, refreshAfterMillis);
    // Timed hits are judged at the coarse ticker's reading of the system clock: a clock call per
    // hit would cost as much as the rest of the hit. Loads still stamp entries with the clock's.
    this.freshness = new Freshness<>(chain, CoarseTicker.shared().judging(clock), telemetry,
        refreshAfterMillis);
    this.loads =
        new ChainLoad<>(reads, origin, inFlight, freshness, walk, refreshes, failSafe);
    this.writes = new WriteOrder<>(definition, chain, tierWrites, inFlight, lateWrites, telemetry,
        stamps);
  }

  @Override
  public String name() {
    return name;
  }

  // The hit path is kept in small methods, and the rest out of them, so that the JIT inlines the
  // whole of it (Caffeine's lookup included) into the generated proxy method. A miss leaves it
  // through one call of a large method, which looks L1 up again: a small miss helper here would be
  // inlined along with the hit (the JIT inlines callees under 35 bytecodes however cold), and a
  // hit inlined into its caller measured 12-13 ns instead of 8 with one.

  @Override
  public @Nullable V get(K key) {
    if (plainHits && key != null) {
      Object stored = Freshness.plainHit(l1Lookups, l1Hits, key);
      if (stored != null) {
        return LocalTier.bareValueOf(stored);
      }
    }
    return getOrLoad(key);
  }

  @Nullable V getOrLoad(K key) {
    if (key != null) {
      long requestId = telemetry.newRequestId();
      Object hit = freshness.read(key, requestId, Freshness.UNREAD, loads);
      if (hit != null) {
        return LocalTier.valueOf(hit);
      }
      return loads.await(key, loads.load(key, requestId), requestId);
    }
    return Futures.join(origin.load(key));
  }

  @Override
  public CompletableFuture<V> getAsync(K key) {
    if (key != null) {
      long requestId = telemetry.newRequestId();
      Object hit = freshness.read(key, requestId, Freshness.UNREAD, loads);
      if (hit != null) {
        return CompletableFuture.completedFuture(LocalTier.valueOf(hit));
      }
      // Each caller gets its own view of the shared load: one that cancels or completes its
      // future must not decide what the other callers of the key get.
      return loads.answer(key, loads.load(key, requestId), requestId);
    }
    return origin.load(key);
  }

  /** The bulk reads of a {@code @Bulk} method over this cache, calling {@code bulkOrigin}. */
  BulkCache<K, V> bulk(Origin<List<K>, Map<K, V>> bulkOrigin) {
    return new BulkRead<>(name, telemetry, plainHits ? l1Lookups : null, l1Hits, freshness, loads,
        new BulkLoad<>(reads, inFlight, walk, refreshes, bulkOrigin));
  }

  @Override
  public void put(K key, @Nullable V value) {
    beginPut(key).complete(value);
  }

  @Override
  public PendingPut<K, V> beginPut(K key) {
    return writes.beginPut(key);
  }

  @Override
  public void invalidate(K key) {
    if (key != null) {
      writes.invalidate(key);
    }
  }

  @Override
  public void invalidateAll(Iterable<? extends K> keys) {
    writes.invalidateBefore(chain.size(), keys);
  }

  @Override
  public void invalidateAll() {
    writes.clearBefore(chain.size());
  }

  /** As {@link #invalidate}, in the levels in front of {@code level} only (an upstream's call). */
  void invalidateInFrontOf(int level, K key) {
    writes.invalidateBefore(level, key);
  }

  /** As {@link #invalidateAll(Iterable)}, in the levels in front of {@code level} only. */
  void invalidateInFrontOf(int level, Iterable<? extends K> keys) {
    writes.invalidateBefore(level, keys);
  }

  /** As {@link #invalidateAll()}, in the levels in front of {@code level} only. */
  void invalidateAllInFrontOf(int level) {
    writes.clearBefore(level);
  }

  @Override
  public CacheStats stats() {
    return chain.stats();
  }

  @Override
  public String toString() {
    return "TieredCache[" + name + "]";
  }
}
