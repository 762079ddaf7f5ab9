package io.tiered.runtime;

import com.github.benmanes.caffeine.cache.Cache;
import io.tiered.runtime.CacheEvent.Kind;
import java.time.InstantSource;
import org.jspecify.annotations.Nullable;

/**
 * The one rule judging what L1 holds for a key: a miss, expired, fresh, or served but due for
 * refresh. The single-key and the bulk reads read L1 through here, and so does a load that checks
 * whether a value landed while it registered.
 */
final class Freshness<K, V> {
  /** A time not read from the clock, for {@link #read}: read it only if an entry needs it. */
  static final long UNREAD = Long.MIN_VALUE;

  private final TierChain<K, V> chain;
  private final InstantSource clock;
  private final Telemetry telemetry;
  private final long refreshAfterMillis;

  Freshness(TierChain<K, V> chain, InstantSource clock, Telemetry telemetry,
      long refreshAfterMillis) {
    this.chain = chain;
    this.clock = clock;
    this.telemetry = telemetry;
    this.refreshAfterMillis = refreshAfterMillis;
  }

  /** What a read finds in L1 for a key. */
  enum Verdict {
    MISS(Kind.MISS),
    /** Past its ttl: a miss. */
    EXPIRED(Kind.EXPIRED),
    FRESH(Kind.HIT),
    /** Served, and due for refresh. */
    STALE(Kind.HIT);

    private final Kind outcome;

    Verdict(Kind outcome) {
      this.outcome = outcome;
    }

    /** How the read is reported. */
    Kind outcome() {
      return outcome;
    }

    /** Whether what L1 holds is served. */
    boolean served() {
      return outcome == Kind.HIT;
    }
  }

  /** Told of each key a read finds stale in L1, to refresh it. */
  @FunctionalInterface
  interface StaleKeys<K> {
    void stale(K key, long requestId);
  }

  /**
   * As the engine's hit path, for a cache whose bare L1 hits need no event and no refresh check:
   * what {@code l1} holds untimed for {@code key}, counted as a hit; null otherwise. Small, so that
   * the JIT inlines it into its callers.
   */
  static <K> @Nullable Object plainHit(Cache<K, Object> l1, HitCounter hits, K key) {
    Object stored = l1.getIfPresent(key);
    if (stored == null || LocalTier.isTimed(stored)) {
      return null;
    }
    hits.increment();
    return stored;
  }

  /** {@return the time to judge a batch of reads at} */
  long now() {
    return clock.millis();
  }

  /**
   * What L1 holds fresh (or stale, which {@code stale} is told of) for {@code key}, reported as
   * the read of {@code requestId}; else null. {@code now} is the time to judge it at, or
   * {@link #UNREAD}.
   */
  @Nullable Object read(K key, long requestId, long now, StaleKeys<K> stale) {
    long start = telemetry.startRead();
    Object stored = chain.lookupL1(key);
    Verdict verdict = judge(stored, now);
    if (verdict == Verdict.STALE) {
      stale.stale(key, requestId);
    }
    telemetry.tier(verdict.outcome(), Levels.L1, requestId, start);
    return verdict.served() ? stored : null;
  }

  /** What L1 holds unexpired for {@code key}, unreported; else null. */
  @Nullable Object peek(K key) {
    Object stored = chain.lookupL1(key);
    return judge(stored, UNREAD).served() ? stored : null;
  }

  /**
   * Judges what L1 holds for a key ({@code stored}, null for nothing) at {@code now}, which only
   * a timed entry reads. A bare value needs no clock read: Caffeine already drops it at its ttl,
   * and a clock read costs as much as the rest of the hit path. Only entries (refresh-after,
   * promoted values) are timed here.
   */
  private Verdict judge(@Nullable Object stored, long now) {
    if (stored == null) {
      return Verdict.MISS;
    }
    if (!(stored instanceof CacheEntry<?> entry)) {
      return Verdict.FRESH; // a tagged one is removed as soon as one of its tags is invalidated
    }
    if (!entry.isTagCurrent()) {
      return Verdict.MISS;
    }
    long at = now == UNREAD ? clock.millis() : now;
    if (entry.isExpiredAt(at)) {
      return Verdict.EXPIRED;
    }
    return entry.ageMillis(at) >= refreshAfterMillis ? Verdict.STALE : Verdict.FRESH;
  }
}
