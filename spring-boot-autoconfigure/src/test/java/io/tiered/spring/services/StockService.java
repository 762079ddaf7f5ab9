package io.tiered.spring.services;

import io.tiered.Tiered;

/** A second cached interface, for a bean that implements both. */
@Tiered
public interface StockService {
  int stock(String sku);
}
