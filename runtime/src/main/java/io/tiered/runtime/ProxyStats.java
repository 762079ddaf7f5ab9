package io.tiered.runtime;

import java.util.List;
import java.util.Locale;

/** The stats of every cached method of one proxy, printable as a table for people. */
public record ProxyStats(List<CacheStats> caches) {

  public ProxyStats {
    caches = List.copyOf(caches);
  }

  /** The stats of the cache named {@code cacheName}. */
  public CacheStats cache(String cacheName) {
    return caches.stream()
        .filter(stats -> stats.cacheName().equals(cacheName))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no cache named '" + cacheName + "'"));
  }

  /** One row per cache and tier: hits, misses, hit rate, size; then loads and refreshes. */
  @Override
  public String toString() {
    String format = "%-32s %-10s %10s %10s %8s %10s %10s %10s%n";
    StringBuilder table = new StringBuilder(String.format(Locale.ROOT, format,
        "cache", "tier", "hits", "misses", "hit%", "evictions", "errors", "size"));
    for (CacheStats cache : caches) {
      for (TierStats tier : cache.tiers()) {
        table.append(String.format(Locale.ROOT, format, cache.cacheName(), tier.tier(),
            tier.hits(), tier.misses(), percent(tier.hitRate()), tier.evictions(), tier.errors(),
            tier.size().isPresent() ? Long.toString(tier.size().getAsLong()) : "-"));
      }
      table.append(String.format(Locale.ROOT, format, cache.cacheName(), CacheEvent.ORIGIN,
          cache.loads(), cache.loadFailures(), percent(cache.hitRate()),
          "refreshed " + cache.refreshes(), "failed " + cache.refreshFailures(),
          "waits " + cache.coalescedWaits()));
    }
    return table.toString();
  }

  private static String percent(double rate) {
    return String.format(Locale.ROOT, "%.1f", rate * 100);
  }
}
