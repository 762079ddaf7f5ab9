package io.tiered.runtime;

import io.tiered.runtime.TieredCacheEngine.Load;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One batch of loads that a bulk read registered, key by key, in its engine's in-flight map:
 * reads each fallback tier once for the keys still missing, each key by its own load (so a tier
 * may take a claim, a lease, per key: {@link CacheTier#getAllForLoad}), calls the origin once for
 * the rest, writes what it loaded in one batch per tier, and settles every key's load through the
 * engine, so each key keeps the single-key path's guarantees (promotion, insert policy, leases,
 * take-backs after an invalidate). Whatever happens, every key leaves the in-flight map, its load
 * completes, and the tiers are told of every load that ends without writing them.
 */
final class BulkLoad<K, V> {
  private final TieredCacheEngine<K, V> engine;
  private final TierChain<K, V> chain;
  private final Telemetry telemetry;
  private final Origin<List<K>, Map<K, V>> origin;
  /** The loads not settled yet, in the order the caller asked for their keys. */
  private final Map<K, Load<K, V>> pending;
  private final long requestId;
  private final boolean refresh;

  private BulkLoad(TieredCacheEngine<K, V> engine, Origin<List<K>, Map<K, V>> origin,
      Map<K, Load<K, V>> claimed, long requestId, boolean refresh) {
    this.engine = engine;
    this.chain = engine.tiers();
    this.telemetry = engine.telemetry();
    this.origin = origin;
    this.pending = new LinkedHashMap<>(claimed);
    this.requestId = requestId;
    this.refresh = refresh;
  }

  /**
   * Loads the keys of {@code claimed}, each already registered as in flight by this call, and
   * settles their loads; a refresh renews L1 only, as a single-key refresh does. Never throws.
   */
  static <K, V> void run(TieredCacheEngine<K, V> engine, Origin<List<K>, Map<K, V>> origin,
      Map<K, Load<K, V>> claimed, long requestId, boolean refresh) {
    new BulkLoad<>(engine, origin, claimed, requestId, refresh).run();
  }

  private void run() {
    try {
      readFallbacks();
      if (pending.isEmpty()) {
        return;
      }
      long start = telemetry.startLoad();
      origin.load(List.copyOf(pending.keySet())).whenComplete((values, error) -> {
        try {
          if (error == null) {
            telemetry.load(requestId, start, null);
            storeAndSettle(values == null ? Map.of() : values);
          } else {
            Throwable cause = TieredCacheEngine.unwrap(error);
            telemetry.load(requestId, start, cause);
            failPending(cause);
          }
        } catch (Throwable unexpected) {
          failPending(unexpected); // a callback's exception is swallowed: settle, or keys stick
        }
      });
    } catch (Throwable unexpected) {
      failPending(unexpected);
    }
  }

  /** Reads each fallback tier once for the keys still pending, settling the keys it holds. */
  private void readFallbacks() {
    long maxAgeMillis = refresh ? engine.refreshAfterMillis() : Long.MAX_VALUE;
    for (int level = TierChain.L1 + 1; level < chain.size() && !pending.isEmpty(); level++) {
      if (refresh && !chain.level(level).promote()) {
        continue; // a refresh exists to renew L1, which this tier never feeds
      }
      long takeBacksBefore = engine.takeBacks();
      Map<K, CacheEntry<V>> found =
          chain.readAll(level, new LinkedHashMap<>(pending), requestId, maxAgeMillis);
      for (Map.Entry<K, CacheEntry<V>> hit : found.entrySet()) {
        K key = hit.getKey();
        if (!engine.mayBeTakenBack(level, key, takeBacksBefore)) {
          engine.promoteAndSettle(key, hit.getValue(), level, pending.remove(key), requestId,
              refresh);
        }
      }
    }
  }

  /** Writes what the origin returned for the pending keys, then settles each key's load. */
  private void storeAndSettle(Map<K, V> loaded) {
    Map<K, @Nullable V> values = new LinkedHashMap<>();
    Map<K, V> cached = new HashMap<>();
    for (K key : pending.keySet()) {
      V value = loaded.get(key);
      values.put(key, value);
      if (isCached(value)) {
        cached.put(key, value);
      }
    }
    List<K> keys = new ArrayList<>(pending.keySet());
    engine.writingFallbacks(keys, () -> {
      Set<K> wrote = chain.storeAll(cached, pending, requestId);
      for (K key : keys) {
        engine.settleValue(key, pending.remove(key), values.get(key), -1, requestId, refresh,
            wrote.contains(key));
      }
    });
  }

  /**
   * Whether a loaded value is written to the tiers. A key the origin's map left out reads as a
   * null result, so this is the one place that decides whether it is cached as absent: as the
   * single-key path decides for null ({@code cacheNulls}; a null ttl plugs in there too).
   */
  private boolean isCached(@Nullable V value) {
    return engine.isCacheable(value);
  }

  /**
   * Fails every load still pending: each of their callers gets {@code failure}. Their claims in
   * the fallback tiers (leases) end first, so that other instances need not wait for them.
   */
  private void failPending(Throwable failure) {
    try {
      chain.abandonLoads(pending, requestId);
    } catch (Throwable alsoUnexpected) {
      if (alsoUnexpected != failure) {
        failure.addSuppressed(alsoUnexpected);
      }
    } finally {
      pending.forEach((key, mine) -> engine.settleFailure(key, mine, failure, requestId, refresh));
      pending.clear();
    }
  }
}
