package io.tiered.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

/**
 * The baseline: what a careful developer writes by hand with Caffeine, a lookup then a load, with
 * the setting's expiry and statistics. The physical limit for an L1 hit.
 */
final class CaffeinePriceService implements PriceLookup {
  private final PriceLookup origin;
  private final Cache<String, Price> prices;
  private final Cache<QuoteKey, Price> quotes;

  CaffeinePriceService(PriceLookup origin, Setting setting) {
    this.origin = origin;
    this.prices = setting.caffeine().build();
    this.quotes = setting.caffeine().build();
    if (setting.metered()) {
      CaffeineCacheMetrics.monitor(setting.registry, prices, "prices");
      CaffeineCacheMetrics.monitor(setting.registry, quotes, "quotes");
    }
  }

  @Override
  public Price price(String sku) {
    Price price = prices.getIfPresent(sku);
    if (price == null) {
      price = origin.price(sku);
      prices.put(sku, price);
    }
    return price;
  }

  @Override
  public Price quote(String sku, String region, int quantity) {
    QuoteKey key = new QuoteKey(sku, region, quantity);
    Price price = quotes.getIfPresent(key);
    if (price == null) {
      price = origin.quote(sku, region, quantity);
      quotes.put(key, price);
    }
    return price;
  }

  private record QuoteKey(String sku, String region, int quantity) {}
}
