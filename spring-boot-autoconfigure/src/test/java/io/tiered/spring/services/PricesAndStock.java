package io.tiered.spring.services;

/** Implements two cached interfaces: it cannot be wrapped in both proxies. */
public class PricesAndStock extends CountingPrices implements StockService {
  @Override
  public int stock(String sku) {
    called();
    return 7;
  }
}
