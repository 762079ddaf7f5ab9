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
 * @param staleServedOnError calls answered with a stale value because the load failed
 *     ({@code @StaleIfError})
 * @param staleServedOnTimeout calls answered with a stale value because the load passed its soft
 *     timeout
 */
public record CacheStats(
    String cacheName,
    List<TierStats> tiers,
    long loads,
    long loadFailures,
    long refreshes,
    long originRefreshes,
    long refreshFailures,
    long coalescedWaits,
    long staleServedOnError,
    long staleServedOnTimeout) {

  /** Copies {@code tiers}, so that the stats stay as they were taken. */
  public CacheStats {
    tiers = List.copyOf(tiers);
  }

  /**
   * Stats of a cache that never served a stale value.
   *
   * @param cacheName the cache
   * @param tiers L1 first, then the fallback tiers in lookup order
   * @param loads origin calls that returned a value
   * @param loadFailures origin calls that threw
   * @param refreshes background refreshes that stored a new value
   * @param originRefreshes the background refreshes whose new value came from the origin
   * @param refreshFailures background refreshes that failed
   * @param coalescedWaits calls that waited for a load another call had started
   */
  public CacheStats(String cacheName, List<TierStats> tiers, long loads, long loadFailures,
      long refreshes, long originRefreshes, long refreshFailures, long coalescedWaits) {
    this(cacheName, tiers, loads, loadFailures, refreshes, originRefreshes, refreshFailures,
        coalescedWaits, 0, 0);
  }

  /**
   * {@return calls answered with a stale value instead of the origin's exception or a wait past
   * the soft timeout; each stale answer counts once} Alert on it: it rises while an origin is
   * failing or slow.
   */
  public long staleServed() {
    return staleServedOnError + staleServedOnTimeout;
  }

  /**
   * {@return calls through the cache: L1's reads, since every call reads L1 exactly once} Calls
   * with a null key bypass the cache and are not counted.
   */
  public long requests() {
    return tiers.isEmpty() ? 0 : tiers.get(0).requests();
  }

  /**
   * {@return calls answered by a tier, L1 or a fallback, over all calls; 1.0 when there were
   * none} A call that waited for another call's load counts as a miss.
   */
  public double hitRate() {
    long requests = requests();
    if (requests == 0) {
      return 1.0;
    }
    long hits = tiers.stream().mapToLong(TierStats::hits).sum();
    return (double) Math.min(hits, requests) / requests;
  }

  /**
   * {@return the stats of the tier named {@code tier}}
   *
   * @param tier {@value CacheEvent#L1} or a {@code @Fallback} tier name
   * @throws IllegalArgumentException if the cache has no such tier
   */
  public TierStats tier(String tier) {
    return tiers.stream()
        .filter(stats -> stats.tier().equals(tier))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(cacheName + " has no tier '" + tier + "'"));
  }
}
