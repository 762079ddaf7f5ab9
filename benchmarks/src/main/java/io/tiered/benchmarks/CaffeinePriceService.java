package io.tiered.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The baseline: what a careful developer writes by hand with Caffeine, a lookup then a load. The
 * physical limit for an L1 hit.
 */
final class CaffeinePriceService implements PriceService {
  private final PriceService origin;
  private final Cache<String, Price> prices = Caffeine.newBuilder().maximumSize(100_000).build();
  private final Cache<QuoteKey, Price> quotes = Caffeine.newBuilder().maximumSize(100_000).build();

  CaffeinePriceService(PriceService origin) {
    this.origin = origin;
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
