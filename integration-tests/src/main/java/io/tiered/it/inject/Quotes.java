package io.tiered.it.inject;

import io.tiered.Tiered;

/**
 * A service that containers inject through its generated proxy, {@code TieredQuotes}: jakarta.inject
 * is on this module's classpath, so the proxy is a JSR-330 binding.
 */
@Tiered(ttl = "5m")
public interface Quotes {

  String quote(String sku);
}
