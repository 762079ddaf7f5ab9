package io.tiered.redis;

/**
 * The leases the loads of one tier hold, each kept for the load that took or adopted it (see
 * {@link Leases}) until that load takes it back to fill or give it up; leases past their expiry
 * are purged ({@link HeldByLoad}).
 */
final class HeldLeases extends HeldByLoad<Lease> {
  HeldLeases() {
    super(Lease::redisKey, Lease::expiresAtNanos);
  }
}
