package io.tiered.spring.services;

import io.tiered.Fallback;
import io.tiered.Tiered;

/** Cached in L1, then in the tier bound to "shared". */
@Tiered
@Fallback(tier = "shared")
public interface QuoteService {
  String quote(String sku);
}
