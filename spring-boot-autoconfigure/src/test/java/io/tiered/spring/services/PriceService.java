package io.tiered.spring.services;

import io.tiered.Tiered;

/** Cached in L1 only. */
@Tiered
public interface PriceService {
  String price(String sku);
}
