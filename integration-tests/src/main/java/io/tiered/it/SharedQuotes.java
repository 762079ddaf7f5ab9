package io.tiered.it;

import io.tiered.Fallback;
import io.tiered.Tiered;

/** Two fallback tiers behind L1; one method overrides them with a tier it does not promote. */
@Tiered(ttl = "5m")
@Fallback(tier = "near", ttl = "1h")
@Fallback(tier = "far")
public interface SharedQuotes {

  String quote(String sku);

  @Fallback(tier = "near", promote = false)
  String peek(String sku);
}
