package io.tiered.redis;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * What the loads (and puts) of one tier hold on one Redis key each, kept for the load, compared
 * by identity (see {@link io.tiered.runtime.CacheTier#getForLoad}), until that load takes it back
 * to write or give up: a lease ({@link HeldLeases}), a tagged key's tokens ({@link KeyTokens}).
 *
 * <p>Every load takes back what it holds, however it ends; one that cannot (its tier call timed
 * out and the read ended later) leaves it here, so what is past its expiry is purged. A purge
 * walks every entry, so it runs only once the map doubled since the last one left it: O(1) per
 * hold, amortized, however many are live.
 *
 * @param <T> what a load holds
 */
class HeldByLoad<T> {
  /** The fewest held entries that start a purge. */
  private static final int PURGE_FROM = 1_024;

  private final ConcurrentHashMap<Object, T> held = new ConcurrentHashMap<>();
  /** Above this many held entries, the next hold purges; MAX_VALUE while one does. */
  private final AtomicInteger purgeAbove = new AtomicInteger(PURGE_FROM);
  private final Function<T, String> redisKeyOf;
  private final ToLongFunction<T> expiresAtNanosOf;

  HeldByLoad(Function<T, String> redisKeyOf, ToLongFunction<T> expiresAtNanosOf) {
    this.redisKeyOf = redisKeyOf;
    this.expiresAtNanosOf = expiresAtNanosOf;
  }

  /** Keeps {@code value} for {@code load}. */
  void hold(Object load, T value) {
    held.put(load, value);
    int above = purgeAbove.get();
    if (held.size() > above && purgeAbove.compareAndSet(above, Integer.MAX_VALUE)) {
      long now = System.nanoTime();
      held.values().removeIf(old -> expiresAtNanosOf.applyAsLong(old) - now < 0);
      purgeAbove.set((int) Math.min(Integer.MAX_VALUE - 1, Math.max(PURGE_FROM, 2L * held.size())));
    }
  }

  /**
   * What {@code load} holds on {@code redisKey}, forgotten here; or null when it holds nothing
   * there (never did, or already took it back).
   */
  @Nullable T take(Object load, String redisKey) {
    T value = held.get(load);
    return value != null && redisKeyOf.apply(value).equals(redisKey) && held.remove(load, value)
        ? value
        : null;
  }

  /** How many entries are held. */
  int size() {
    return held.size();
  }
}
