package io.tiered.runtime;

import java.util.List;

/**
 * Counters of one cache since it was built: per tier, and for the origin and refreshes.
 *
 * @param cacheName the cache
 * @param tiers L1 first, then the fallback tiers in lookup order
 * @param loads origin calls that returned a value
 * @param loadFailures origin calls that threw
 * @param refreshes background refreshes that stored a new value, from any tier or the origin
 * @param originRefreshes the background refreshes whose new value came from the origin
 * @param refreshFailures background refreshes that failed (the old value was kept)
 * @param coalescedWaits calls that waited for a load another call had started
 */
public record CacheStats(
    String cacheName,
    List<TierStats> tiers,
    long loads,
    long loadFailures,
    long refreshes,
    long originRefreshes,
    long refreshFailures,
    long coalescedWaits) {

  public CacheStats {
    tiers = List.copyOf(tiers);
  }

  /** Calls through the cache: every call reads L1 exactly once. */
  public long requests() {
    return tiers.isEmpty() ? 0 : tiers.get(0).requests();
  }

  /** Calls answered by some tier without an origin call of their own, over all calls. */
  public double hitRate() {
    long requests = requests();
    if (requests == 0) {
      return 1.0;
    }
    long hits = tiers.stream().mapToLong(TierStats::hits).sum();
    return (double) Math.min(hits, requests) / requests;
  }

  /** The stats of {@code tier}. */
  public TierStats tier(String tier) {
    return tiers.stream()
        .filter(stats -> stats.tier().equals(tier))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(cacheName + " has no tier '" + tier + "'"));
  }
}
