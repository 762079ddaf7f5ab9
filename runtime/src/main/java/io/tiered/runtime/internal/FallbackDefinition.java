package io.tiered.runtime.internal;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One {@code @Fallback} of a cached method.
 *
 * @param tier the name the tier is bound by in {@code TieredRuntime.Builder.tier}
 * @param ttl how long an entry lives in that tier; null for no expiry
 * @param promote whether its hits are copied into the tiers in front of it
 */
public record FallbackDefinition(String tier, @Nullable Duration ttl, boolean promote) {

  /** Requires {@code tier}; {@link CacheDefinition} validates the rest. */
  public FallbackDefinition {
    Objects.requireNonNull(tier, "tier");
  }
}
