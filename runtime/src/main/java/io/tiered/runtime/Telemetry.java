package io.tiered.runtime;

import io.tiered.runtime.CacheEvent.Kind;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Counters and event delivery for one cache. Counters are always on ({@link LongAdder}s, and a
 * {@link HitCounter} for L1 hits: no
 * lock, no allocation once warm); events are only built when a listener is registered.
 */
final class Telemetry {
  private static final System.Logger LOG = System.getLogger(Telemetry.class.getName());

  private final String cacheName;
  private final @Nullable CacheEventListener listener;
  private final AtomicLong requestIds;
  private final String[] tierNames;
  private final TierCounters[] tiers;
  final LongAdder loads = new LongAdder();
  final LongAdder loadFailures = new LongAdder();
  final LongAdder refreshes = new LongAdder();
  final LongAdder refreshFailures = new LongAdder();
  final LongAdder coalescedWaits = new LongAdder();

  Telemetry(String cacheName, List<String> tierNames, @Nullable CacheEventListener listener,
      AtomicLong requestIds) {
    this.cacheName = cacheName;
    this.listener = listener;
    this.requestIds = requestIds;
    this.tierNames = tierNames.toArray(String[]::new);
    this.tiers = new TierCounters[this.tierNames.length];
    for (int i = 0; i < tiers.length; i++) {
      tiers[i] = new TierCounters();
    }
  }

  boolean enabled() {
    return listener != null;
  }

  /** A new request id, or 0 when nobody listens (ids are only ever seen in events). */
  long newRequestId() {
    return listener == null ? 0 : requestIds.incrementAndGet();
  }

  /** A start time for a timed operation, or 0 when nobody listens. */
  long start() {
    return listener == null ? 0 : System.nanoTime();
  }

  TierCounters tier(int level) {
    return tiers[level];
  }

  void tierEvent(Kind kind, int level, long requestId, long start) {
    if (listener != null) {
      deliver(kind, tierNames[level], requestId, start, false, null, null);
    }
  }

  void tierError(int level, CacheEvent.Operation operation, long requestId, long start,
      Throwable error) {
    if (listener != null) {
      deliver(Kind.ERROR, tierNames[level], requestId, start, false, error, operation);
    }
  }

  void originEvent(Kind kind, long requestId, long start, boolean coalesced,
      @Nullable Throwable error) {
    if (listener != null) {
      deliver(kind, CacheEvent.ORIGIN, requestId, start, coalesced, error, null);
    }
  }

  void namedTierEvent(Kind kind, String tier, long requestId) {
    if (listener != null) {
      deliver(kind, tier, requestId, 0, false, null, null);
    }
  }

  private void deliver(Kind kind, String tier, long requestId, long start, boolean coalesced,
      @Nullable Throwable error, CacheEvent.@Nullable Operation operation) {
    long duration = start == 0 ? 0 : System.nanoTime() - start;
    CacheEventListener target = listener;
    try {
      target.onEvent(new CacheEvent(
          kind, cacheName, tier, duration, requestId, coalesced, error, operation));
    } catch (Throwable listenerFailure) {
      // A broken listener must never break a cache call.
      LOG.log(System.Logger.Level.WARNING,
          "CacheEventListener " + target + " threw on " + kind + " of " + cacheName,
          listenerFailure);
    }
  }

  CacheStats snapshot(List<CacheTier<?, ?>> levels) {
    TierStats[] stats = new TierStats[tiers.length];
    for (int i = 0; i < tiers.length; i++) {
      stats[i] = tiers[i].snapshot(tierNames[i], sizeOf(levels.get(i)));
    }
    return new CacheStats(cacheName, List.of(stats), loads.sum(), loadFailures.sum(),
        refreshes.sum(), refreshFailures.sum(), coalescedWaits.sum());
  }

  private static OptionalLong sizeOf(CacheTier<?, ?> tier) {
    try {
      return tier.size();
    } catch (RuntimeException unavailable) {
      return OptionalLong.empty();
    }
  }

  /** The always-on counters of one tier. */
  static final class TierCounters {
    final HitCounter hits = new HitCounter();
    final LongAdder misses = new LongAdder();
    final LongAdder inserts = new LongAdder();
    final LongAdder insertsRejected = new LongAdder();
    final LongAdder evictions = new LongAdder();
    final LongAdder errors = new LongAdder();

    TierStats snapshot(String tier, OptionalLong size) {
      return new TierStats(tier, hits.sum(), misses.sum(), inserts.sum(), insertsRejected.sum(),
          evictions.sum(), errors.sum(), size);
    }
  }
}
