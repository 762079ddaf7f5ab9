package io.tiered.runtime.internal;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@code @StaleIfError} says about one cached method: how long past its ttl an entry may
 * still be served when the origin fails, and how long a call waits for a load when it could be.
 *
 * @param staleFor how long every tier keeps an entry past its ttl, to serve it if a load fails;
 *     positive
 * @param softTimeout how long, in real time, a call waits for a load when a stale value exists
 *     before it is answered with that value; null to wait for the load
 */
public record FailSafeDefinition(Duration staleFor, @Nullable Duration softTimeout) {

  /**
   * Checks that {@code staleFor} is given; the cache definition checks both against its ttl.
   *
   * @throws NullPointerException if {@code staleFor} is null
   */
  public FailSafeDefinition {
    Objects.requireNonNull(staleFor, "staleFor");
  }
}
