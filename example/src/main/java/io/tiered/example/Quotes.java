package io.tiered.example;

import io.tiered.StaleIfError;
import io.tiered.Tiered;

/**
 * Two views of one quote service for the outage phase, alike but for {@code @StaleIfError}: the
 * summary compares what their callers get while the service is down.
 */
@Tiered(ttl = "1s")
public interface Quotes {

  /** Plain caching: once the ttl passes during an outage, callers get the errors. */
  long quote(String sku);

  /** An old quote beats an error for up to a minute; a slow one is not waited for past 100 ms. */
  @StaleIfError(value = "1m", softTimeout = "100ms")
  long quoteOrStale(String sku);
}
