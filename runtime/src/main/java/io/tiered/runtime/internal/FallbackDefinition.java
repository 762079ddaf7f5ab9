package io.tiered.runtime.internal;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One {@code @Fallback} of a cached method: the tier name it is bound by, its ttl there, and
 * whether its hits are copied into the tiers in front of it.
 */
public record FallbackDefinition(String tier, @Nullable Duration ttl, boolean promote) {

  public FallbackDefinition {
    Objects.requireNonNull(tier, "tier");
  }
}
