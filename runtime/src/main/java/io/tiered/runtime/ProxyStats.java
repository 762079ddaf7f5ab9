package io.tiered.runtime;

import java.util.List;
import java.util.Locale;

/**
 * The stats of every cached method of one proxy, printable as a table for people.
 *
 * @param caches one per cached method, in declaration order
 */
public record ProxyStats(List<CacheStats> caches) {

  /** Copies {@code caches}, so that the stats stay as they were taken. */
  public ProxyStats {
    caches = List.copyOf(caches);
  }

  /**
   * {@return the stats of the cache named {@code cacheName}}
   *
   * @param cacheName such as {@code PriceService.price}
   * @throws IllegalArgumentException if the proxy has no cache of that name
   */
  public CacheStats cache(String cacheName) {
    return caches.stream()
        .filter(stats -> stats.cacheName().equals(cacheName))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no cache named '" + cacheName + "'"));
  }

  /**
   * Two tables for people: one row per cache and tier (hits, misses, hit rate, inserts,
   * evictions, errors, size), then one row per cache (requests, hit rate, origin loads and
   * failures, refreshes and failures, coalesced waits, stale answers).
   */
  @Override
  public String toString() {
    String tierRow = "%-28s %-8s %10s %10s %7s %10s %10s %8s %8s%n";
    StringBuilder table = new StringBuilder(String.format(Locale.ROOT, tierRow,
        "cache", "tier", "hits", "misses", "hit%", "inserts", "evictions", "errors", "size"));
    for (CacheStats cache : caches) {
      for (TierStats tier : cache.tiers()) {
        table.append(String.format(Locale.ROOT, tierRow, cache.cacheName(), tier.tier(),
            tier.hits(), tier.misses(), percent(tier.requests(), tier.hitRate()), tier.inserts(),
            tier.evictions(), tier.errors(),
            tier.size().isPresent() ? Long.toString(tier.size().getAsLong()) : "-"));
      }
    }
    String cacheRow = "%-28s %10s %7s %10s %10s %10s %10s %10s %10s%n";
    table.append(System.lineSeparator()).append(String.format(Locale.ROOT, cacheRow, "cache",
        "requests", "hit%", "loads", "failed", "refreshes", "failed", "coalesced", "stale"));
    for (CacheStats cache : caches) {
      table.append(String.format(Locale.ROOT, cacheRow, cache.cacheName(), cache.requests(),
          percent(cache.requests(), cache.hitRate()), cache.loads(), cache.loadFailures(),
          cache.refreshes(), cache.refreshFailures(), cache.coalescedWaits(),
          cache.staleServed()));
    }
    return table.toString();
  }

  /** {@code rate} as a percentage; "-" with no requests, which have no rate to print. */
  private static String percent(long requests, double rate) {
    return requests == 0 ? "-" : String.format(Locale.ROOT, "%.1f", rate * 100);
  }
}
