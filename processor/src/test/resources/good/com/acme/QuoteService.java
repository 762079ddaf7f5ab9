package com.acme;

import io.tiered.Tiered;

/** A small interface whose proxy is compiled with jakarta.inject on the classpath. */
@Tiered(ttl = "10m")
public interface QuoteService {

  long quote(String sku);

  /** Not cached: passes through. */
  void reprice(String sku);
}
