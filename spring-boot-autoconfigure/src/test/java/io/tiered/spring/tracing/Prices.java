package io.tiered.spring.tracing;

import io.tiered.RefreshAfter;
import io.tiered.Tiered;

/** Prices read from the database, cached and refreshed in the background. */
@Tiered(ttl = "10m")
@RefreshAfter("1m")
public interface Prices {
  String price(String sku);
}
