package io.tiered.runtime;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The single-key loads of one cache: a key L1 missed joins the load of it in flight, or registers
 * one and runs it through the chain (fallback tiers in order, then the origin); a key L1 holds
 * stale is refreshed in the background, one refresh per key. Callers get a load's outcome, or,
 * with stale-if-error, a stale value instead of its failure.
 */
final class ChainLoad<K, V> implements Freshness.StaleKeys<K> {
  private final TierReads<K, V> reads;
  private final Origin<K, V> origin;
  private final InFlight<K, V> inFlight;
  private final Freshness<K, V> freshness;
  private final ChainWalk<K, V> walk;
  private final RefreshScheduler refreshes;
  /** Stale-if-error; null when the method has none. */
  private final @Nullable FailSafe<K, V> failSafe;

  ChainLoad(TierReads<K, V> reads, Origin<K, V> origin, InFlight<K, V> inFlight,
      Freshness<K, V> freshness, ChainWalk<K, V> walk, RefreshScheduler refreshes,
      @Nullable FailSafe<K, V> failSafe) {
    this.reads = reads;
    this.origin = origin;
    this.inFlight = inFlight;
    this.freshness = freshness;
    this.walk = walk;
    this.refreshes = refreshes;
    this.failSafe = failSafe;
  }

  /** A load of {@code key}, not registered yet: see {@link #claim}. */
  Load<K, V> newLoad(K key) {
    return inFlight.newLoad(key);
  }

  /** Joins the load in flight for {@code key}, or starts one. */
  Load<K, V> load(K key, long requestId) {
    Load<K, V> mine = inFlight.newLoad(key);
    Load<K, V> other = claim(key, mine, requestId);
    if (other != null) {
      return other;
    }
    LoadContext run = new LoadContext(requestId, false);
    // With a soft timeout, the caller must be free to stop waiting: the load runs elsewhere, while
    // fewer than FailSafe's bound do (a hung origin must not take a thread per key).
    if (failSafe == null || !failSafe.hasSoftTimeout()
        || !failSafe.startLoad(() -> run(mine, run), mine)) {
      run(mine, run);
    }
    return mine;
  }

  /**
   * Registers {@code mine} as the load of {@code key}, which L1 missed. Returns null when the
   * caller must now run it (and settle it, whatever happens); otherwise the load to wait for
   * instead: the one already in flight, or {@code mine} answered from what just landed in L1.
   * Bulk reads claim their missing keys through here too, so they coalesce with single-key calls.
   */
  @Nullable Load<K, V> claim(K key, Load<K, V> mine, long requestId) {
    Load<K, V> running = inFlight.register(key, mine, requestId);
    if (running != null) {
      return running;
    }
    if (freshness.peek(key) == null) {
      return null;
    }
    // A load finished between our L1 miss and registering: its value is in L1. Leave the map,
    // then read L1 again for whoever joined us meanwhile: a value read while we could still be
    // joined may be invalidated (by a write that began before we joined the map, and so did not
    // remove us) before a caller that started after that invalidate joins us.
    inFlight.leave(mine);
    Object landed = freshness.peek(key);
    if (landed != null) {
      mine.complete(LocalTier.valueOf(landed));
    } else { // invalidated between the two reads: start over
      Futures.relay(load(key, requestId), mine);
    }
    return mine;
  }

  /** Refreshes {@code key}, which L1 holds stale, in the background: one refresh per key. */
  @Override
  public void stale(K key, long requestId) {
    Load<K, V> mine = inFlight.claimRefresh(key);
    if (mine == null) {
      return;
    }
    LoadContext run = new LoadContext(requestId, true);
    refreshes.schedule(() -> {
      if (InFlight.startRefresh(mine)) {
        run(mine, run);
      }
    }, mine, cannotRun -> walk.fail(mine, cannotRun, run));
  }

  /** What a synchronous caller of {@code key} gets from {@code load}; see {@link #answer}. */
  @Nullable V await(K key, Load<K, V> load, long requestId) {
    return failSafe == null ? Futures.join(load) : failSafe.await(key, load, requestId);
  }

  /**
   * What an asynchronous caller of {@code key} gets from {@code load}: a future of its own, with a
   * stale value instead of the load's failure where stale-if-error allows one. Bulk reads answer
   * each key they wait for through here too.
   */
  CompletableFuture<V> answer(K key, Load<K, V> load, long requestId) {
    return failSafe == null ? Futures.relay(load) : failSafe.answer(key, load, requestId);
  }

  /**
   * Reads the fallback tiers in order, then calls the origin, and settles {@code mine}. Never
   * throws: whatever happens, the key leaves {@link InFlight} and {@code mine} completes.
   */
  private void run(Load<K, V> mine, LoadContext run) {
    try {
      OneKey one = new OneKey(mine, run);
      walk.readFallbacks(one, run);
      if (!one.isEmpty()) {
        walk.callOrigin(origin, mine.key(), run.requestId(), one);
      }
    } catch (Throwable unexpected) {
      walk.failUnexpectedly(mine, unexpected, run);
    }
  }

  /** One key's load as the chain walk sees it: sought until a fallback tier holds it. */
  private final class OneKey implements ChainWalk.Sought<K, V>, ChainWalk.Outcome<V> {
    private final Load<K, V> mine;
    private final LoadContext run;
    private boolean found;

    OneKey(Load<K, V> mine, LoadContext run) {
      this.mine = mine;
      this.run = run;
    }

    @Override
    public boolean isEmpty() {
      return found;
    }

    @Override
    public void readAt(int level, long maxAgeMillis, long undosBefore) {
      CacheEntry<V> entry = reads.read(level, mine.key(), mine, run.requestId(), maxAgeMillis,
          failSafe == null ? null : mine::keepExpired);
      if (entry != null) {
        walk.offer(this, mine.key(), entry, level, undosBefore, run);
      }
    }

    @Override
    public Load<K, V> found(K key) {
      found = true;
      return mine;
    }

    @Override
    public void loaded(@Nullable V value) {
      walk.storeAndSettle(mine, value, run);
    }

    @Override
    public void failed(Throwable cause) {
      walk.failLoad(mine, cause, run);
    }

    @Override
    public void broke(Throwable unexpected) {
      walk.failUnexpectedly(mine, unexpected, run);
    }
  }
}
