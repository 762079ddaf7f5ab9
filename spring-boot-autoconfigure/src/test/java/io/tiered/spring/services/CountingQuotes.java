package io.tiered.spring.services;

public class CountingQuotes extends CountingOrigin implements QuoteService {
  @Override
  public String quote(String sku) {
    called();
    return "quote for " + sku;
  }
}
