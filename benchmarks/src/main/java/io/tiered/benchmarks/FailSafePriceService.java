package io.tiered.benchmarks;

import io.tiered.StaleIfError;
import io.tiered.Tiered;

/** The hit path of a stale-if-error method, beside the same method without it. */
public interface FailSafePriceService {

  @Tiered(ttl = "1h")
  @StaleIfError(value = "1h", softTimeout = "200ms")
  Price price(String sku);

  @Tiered(ttl = "1h")
  Price plain(String sku);
}
