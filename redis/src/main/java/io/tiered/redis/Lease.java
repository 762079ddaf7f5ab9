package io.tiered.redis;

import org.jspecify.annotations.Nullable;

/**
 * A lease this instance fills under (see {@link Leases}): its key and marker, when Redis drops it
 * at the latest, and whether this instance took it (or adopted it from a holder it stopped waiting
 * for). A lease taken over a stale value (or a put's, over any) also keeps that value and until
 * when Redis may keep it ({@link #KEPT_FOREVER}: no expiry).
 */
record Lease(String redisKey, byte[] marker, long expiresAtNanos, boolean taken,
    byte @Nullable [] stale, long staleUntilNanos) {
  /** {@link #staleUntilNanos} of a value kept with no expiry. */
  static final long KEPT_FOREVER = Long.MAX_VALUE;
}
