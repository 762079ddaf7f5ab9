package io.tiered.redis;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The leases the loads of one tier hold, each kept for the load that took or adopted it (see
 * {@link Leases}) until that load takes it back to fill or give it up.
 *
 * <p>Every load takes its lease back, however it ends; one that cannot (its tier call timed out
 * and the read ended later) leaves it here, so leases past their expiry are purged. A purge walks
 * every lease, so it runs only once the map doubled since the last one left it: O(1) per hold,
 * amortized, however many leases are live.
 */
final class HeldLeases {
  /** The fewest held leases that start a purge. */
  private static final int PURGE_FROM = 1_024;

  private final ConcurrentHashMap<Object, Lease> held = new ConcurrentHashMap<>();
  /** Above this many held leases, the next hold purges; MAX_VALUE while one does. */
  private final AtomicInteger purgeAbove = new AtomicInteger(PURGE_FROM);

  /** Keeps {@code lease} for {@code load}. */
  void hold(Object load, Lease lease) {
    held.put(load, lease);
    int above = purgeAbove.get();
    if (held.size() > above && purgeAbove.compareAndSet(above, Integer.MAX_VALUE)) {
      long now = System.nanoTime();
      held.values().removeIf(old -> old.expiresAtNanos() - now < 0);
      purgeAbove.set((int) Math.min(Integer.MAX_VALUE - 1, Math.max(PURGE_FROM, 2L * held.size())));
    }
  }

  /**
   * The lease {@code load} holds on {@code redisKey}, forgotten here; or null when it holds none
   * (never took one, or already took it back).
   */
  @Nullable Lease take(Object load, String redisKey) {
    Lease lease = held.get(load);
    return lease != null && lease.redisKey().equals(redisKey) && held.remove(load, lease)
        ? lease
        : null;
  }

  /** How many leases are held. */
  int size() {
    return held.size();
  }
}
