package io.tiered.runtime;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * One tier in a cache's lookup chain, as the chain sees it: index 0 is L1, then the fallback
 * tiers in order.
 *
 * @param name the tier's name in events and stats
 * @param ttl how long entries live in this tier; null for no expiry
 * @param promote whether a hit here is copied into the tiers in front of it
 * @param absentTtl how long a null or {@code Optional.empty()} lives in this tier (negative
 *     caching, {@code nullTtl}); null to give it {@code ttl} like any value
 * @param jitter the largest share of the ttl each write cuts off at random ({@code @Tiered(jitter)}),
 *     so that keys loaded together do not expire together; 0 for none
 */
record ChainedTier<K, V>(String name, CacheTier<K, V> tier, @Nullable Duration ttl,
    boolean promote, @Nullable Duration absentTtl, double jitter) {

  ChainedTier(String name, CacheTier<K, V> tier, @Nullable Duration ttl, boolean promote) {
    this(name, tier, ttl, promote, null, 0);
  }

  /** How long {@code value}, written now, lives in this tier. */
  @Nullable Duration ttlFor(@Nullable Object value) {
    Duration lives = absentTtl != null && isAbsent(value) ? absentTtl : ttl;
    return lives == null || jitter == 0 ? lives : jittered(lives);
  }

  private Duration jittered(Duration lives) {
    long cutMillis = (long) (lives.toMillis() * jitter * ThreadLocalRandom.current().nextDouble());
    return cutMillis == 0 ? lives : lives.minusMillis(cutMillis);
  }

  /** Whether {@code value} says the origin has nothing: null or {@code Optional.empty()}. */
  static boolean isAbsent(@Nullable Object value) {
    return value == null || value instanceof Optional<?> optional && optional.isEmpty();
  }
}
