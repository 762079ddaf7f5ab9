package io.tiered.it;

import io.tiered.Fallback;
import io.tiered.StaleIfError;
import io.tiered.Tiered;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Quotes whose origin may be down: stale-if-error, a method override and negative caching. */
@Tiered(ttl = "5m")
@Fallback(tier = "shared", ttl = "5m")
@StaleIfError("1h")
public interface FailSafeQuotes {

  long quote(int key);

  /** Replaces the type-level window wholesale: 10 minutes, and a soft timeout. */
  @StaleIfError(value = "10m", softTimeout = "100ms")
  long slowQuote(int key);

  CompletableFuture<Long> quoteAsync(int key);

  /** Absent quotes are asked again after 30 seconds, not 5 minutes. */
  @Tiered(nullTtl = "30s")
  Optional<Long> lookup(int key);
}
