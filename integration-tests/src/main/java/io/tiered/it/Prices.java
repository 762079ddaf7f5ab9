package io.tiered.it;

import io.tiered.RefreshAfter;
import io.tiered.Tiered;

/** Refreshed in the background a minute after each write, expired after ten. */
@Tiered(ttl = "10m")
@RefreshAfter("1m")
public interface Prices {

  long price(String sku);
}
