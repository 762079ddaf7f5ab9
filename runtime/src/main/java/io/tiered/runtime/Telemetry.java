package io.tiered.runtime;

import io.tiered.runtime.CacheEvent.Kind;
import io.tiered.runtime.CacheEvent.Operation;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The one owner of counting for one cache: each outcome is recorded by one call, which bumps its
 * always-on counter and builds an event only when the listener asked for that kind. Counters are
 * {@link LongAdder}s, and a {@link HitCounter} for hits (no lock, no allocation once warm); they
 * are what {@link TieredCache#stats()} and metrics read.
 */
final class Telemetry {
  private static final System.Logger LOG = System.getLogger(Telemetry.class.getName());

  private final String cacheName;
  private final @Nullable CacheEventListener listener;
  private final boolean[] wanted = new boolean[Kind.values().length];
  private final boolean timesReads;
  private final boolean timesWrites;
  private final boolean timesLoads;
  private final AtomicLong requestIds;
  private final String[] tierNames;
  private final TierCounters[] tiers;
  private final LongAdder loads = new LongAdder();
  private final LongAdder loadFailures = new LongAdder();
  private final LongAdder originRefreshes = new LongAdder();
  private final LongAdder refreshFailures = new LongAdder();
  private final LongAdder coalescedWaits = new LongAdder();
  private final LongAdder staleOnError = new LongAdder();
  private final LongAdder staleOnTimeout = new LongAdder();
  private final @Nullable TieredInstrumentation instrumentation;

  /**
   * @param tierNames L1 first, then the fallback tiers in lookup order
   * @param listener every listener of the runtime, composed; null when there is none
   * @param kinds the kinds {@code listener} wants
   * @param instrumentation the runtime's, or null
   */
  Telemetry(String cacheName, List<String> tierNames, @Nullable CacheEventListener listener,
      Set<Kind> kinds, AtomicLong requestIds, @Nullable TieredInstrumentation instrumentation) {
    this.cacheName = cacheName;
    this.instrumentation = instrumentation;
    this.listener = listener;
    if (listener != null) {
      kinds.forEach(kind -> wanted[kind.ordinal()] = true);
    }
    this.timesReads = wantsAny(Kind.HIT, Kind.MISS, Kind.EXPIRED, Kind.ERROR);
    this.timesWrites = wantsAny(Kind.INSERTED, Kind.INVALIDATED, Kind.ERROR);
    this.timesLoads = wantsAny(Kind.LOADED, Kind.LOAD_FAILED);
    this.requestIds = requestIds;
    this.tierNames = tierNames.toArray(String[]::new);
    this.tiers = new TierCounters[this.tierNames.length];
    for (int i = 0; i < tiers.length; i++) {
      tiers[i] = new TierCounters();
    }
  }

  private boolean wantsAny(Kind... kinds) {
    for (Kind kind : kinds) {
      if (wanted[kind.ordinal()]) {
        return true;
      }
    }
    return false;
  }

  /** Whether an event of {@code kind} is delivered; the hit path asks this of HIT. */
  boolean wants(Kind kind) {
    return wanted[kind.ordinal()];
  }

  /** A new request id, or 0 when nobody listens (ids are only ever seen in events). */
  long newRequestId() {
    return listener == null ? 0 : requestIds.incrementAndGet();
  }

  /** A start time for a tier read, or 0 when no event of a read is wanted. */
  long startRead() {
    return timesReads ? System.nanoTime() : 0;
  }

  /** A start time for a tier write or invalidation, or 0 when no such event is wanted. */
  long startWrite() {
    return timesWrites ? System.nanoTime() : 0;
  }

  /** A start time for an origin call, or 0 when no load event is wanted. */
  long startLoad() {
    return timesLoads ? System.nanoTime() : 0;
  }

  /** The counter of L1 hits, bumped directly by the hit path. */
  HitCounter hits(int level) {
    return tiers[level].hits;
  }

  /** Records a read, write or eviction outcome of the tier at {@code level}. */
  void tier(Kind kind, int level, long requestId, long start) {
    tiers[level].count(kind);
    if (wanted[kind.ordinal()]) {
      deliver(kind, tierNames[level], requestId, start, false, null, null);
    }
  }

  /**
   * Records a tier operation that threw; a failed read is also a miss. A tier that cannot read
   * back what it writes ({@link TierCodecException}) is counted and reported as
   * {@link Operation#CODEC}, whichever operation found it.
   */
  void tierError(int level, Operation operation, long requestId, long start, Throwable error) {
    Operation failed = error instanceof TierCodecException ? Operation.CODEC : operation;
    tiers[level].countError(failed, operation == Operation.GET);
    if (wanted[Kind.ERROR.ordinal()]) {
      deliver(Kind.ERROR, tierNames[level], requestId, start, false, error, failed);
    }
  }

  /** Records an origin call this cache made, which returned or threw. */
  void load(long requestId, long start, @Nullable Throwable error) {
    (error == null ? loads : loadFailures).increment();
    origin(error == null ? Kind.LOADED : Kind.LOAD_FAILED, requestId, start, false, error);
  }

  /** Records a call that waited for another call's load rather than loading. */
  void coalesced() {
    coalescedWaits.increment();
  }

  /** Whether the outcome of a coalesced wait is delivered (it was counted when it began). */
  boolean wantsCoalescedOutcome() {
    return timesLoads;
  }

  /** Delivers the outcome of a coalesced wait begun at {@code start}. */
  void coalescedOutcome(long requestId, long start, @Nullable Throwable error) {
    origin(error == null ? Kind.LOADED : Kind.LOAD_FAILED, requestId, start, true, error);
  }

  /** Records a refresh that stored a value read from {@code level}, or {@link Levels#ORIGIN}. */
  void refreshed(int level, long requestId) {
    if (level == Levels.ORIGIN) {
      originRefreshes.increment();
    } else {
      tiers[level].refreshes.increment();
    }
    if (wanted[Kind.REFRESH_HIT.ordinal()]) {
      String source = level == Levels.ORIGIN ? CacheEvent.ORIGIN : tierNames[level];
      deliver(Kind.REFRESH_HIT, source, requestId, 0, false, null, null);
    }
  }

  /** Records a refresh that failed; the old value stays. */
  void refreshFailed(long requestId, Throwable error) {
    refreshFailures.increment();
    origin(Kind.REFRESH_MISS, requestId, 0, false, error);
  }

  /**
   * Records a call answered with a stale value found at {@code level}, because its load failed
   * with {@code cause} or passed its soft timeout.
   */
  void staleServed(int level, long requestId, Throwable cause, boolean timedOut) {
    (timedOut ? staleOnTimeout : staleOnError).increment();
    if (wanted[Kind.STALE_SERVED.ordinal()]) {
      deliver(Kind.STALE_SERVED, tierNames[level], requestId, 0, false, cause, null);
    }
  }

  private void origin(Kind kind, long requestId, long start, boolean coalesced,
      @Nullable Throwable error) {
    if (wanted[kind.ordinal()]) {
      deliver(kind, CacheEvent.ORIGIN, requestId, start, coalesced, error, null);
    }
  }

  private void deliver(Kind kind, String tier, long requestId, long start, boolean coalesced,
      @Nullable Throwable error, @Nullable Operation operation) {
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

  CacheStats snapshot(List<? extends CacheTier<?, ?>> levels) {
    TierStats[] stats = new TierStats[tiers.length];
    long refreshes = originRefreshes.sum();
    for (int i = 0; i < tiers.length; i++) {
      stats[i] = tiers[i].snapshot(tierNames[i], sizeOf(levels.get(i)));
      refreshes += stats[i].refreshes();
    }
    return new CacheStats(cacheName, List.of(stats), loads.sum(), loadFailures.sum(),
        refreshes, originRefreshes.sum(), refreshFailures.sum(), coalescedWaits.sum(),
        staleOnError.sum(), staleOnTimeout.sum());
  }

  private static OptionalLong sizeOf(CacheTier<?, ?> tier) {
    try {
      return tier.size();
    } catch (RuntimeException unavailable) {
      return OptionalLong.empty();
    }
  }

  /** The always-on counters of one tier. */
  private static final class TierCounters {
    final HitCounter hits = new HitCounter();
    final LongAdder misses = new LongAdder();
    final LongAdder inserts = new LongAdder();
    final LongAdder insertsRejected = new LongAdder();
    final LongAdder evictions = new LongAdder();
    final LongAdder refreshes = new LongAdder();
    final LongAdder[] errors = new LongAdder[Operation.values().length];

    TierCounters() {
      for (int i = 0; i < errors.length; i++) {
        errors[i] = new LongAdder();
      }
    }

    void count(Kind kind) {
      switch (kind) {
        case HIT -> hits.increment();
        case MISS, EXPIRED -> misses.increment();
        case INSERTED -> inserts.increment();
        case INSERT_REJECTED -> insertsRejected.increment();
        case EVICTED, EVICTED_EXPIRED -> evictions.increment();
        case INVALIDATED -> {} // not counted: nothing to alert on
        case REFRESH_HIT, REFRESH_MISS, LOADED, LOAD_FAILED, ERROR, STALE_SERVED ->
            throw new IllegalArgumentException(kind + " is not a tier outcome");
      }
    }

    void countError(Operation operation, boolean read) {
      errors[operation.ordinal()].increment();
      if (read) {
        misses.increment(); // for the caller a failed read is a miss
      }
    }

    TierStats snapshot(String tier, OptionalLong size) {
      return new TierStats(tier, hits.sum(), misses.sum(), inserts.sum(), insertsRejected.sum(),
          evictions.sum(), refreshes.sum(), errors[Operation.GET.ordinal()].sum(),
          errors[Operation.PUT.ordinal()].sum(), errors[Operation.INVALIDATE.ordinal()].sum(),
          errors[Operation.CLEAR.ordinal()].sum(), errors[Operation.CODEC.ordinal()].sum(), size);
    }
  }

  /**
   * {@code task}, background work the calling thread triggers, as the runtime's instrumentation
   * wraps it ({@link TieredInstrumentation#inBackground}).
   */
  Runnable inBackground(Runnable task) {
    return instrumentation == null ? task : instrumentation.inBackground(task);
  }
}
