package io.tiered.spring.services;

public class CountingPrices extends CountingOrigin implements PriceService {
  @Override
  public String price(String sku) {
    called();
    return "price of " + sku;
  }
}
