package io.tiered.runtime;

import io.tiered.runtime.internal.CacheDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The steps every load takes through the chain, of one key or of a batch: the fallback tiers in
 * order, then the origin, then the writes and the settling of each key's {@link Load}. A load
 * settles whatever happens: its key leaves {@link InFlight} and its future completes. One that an
 * invalidate or put dropped while it wrote the fallback tiers takes its writes back there, so a
 * value loaded before an invalidate is never served after it. Its L1 write needs no taking back:
 * it is checked under the key's lock, so it lands before the write that dropped the load, or not
 * at all.
 */
final class ChainWalk<K, V> {
  private final CacheDefinition<K, V> definition;
  private final TierChain<K, V> chain;
  private final TierWrites<K, V> writes;
  private final TierBatchWrites<K, V> batchWrites;
  private final InFlight<K, V> inFlight;
  private final LateWriteFence<K> lateWrites;
  private final Telemetry telemetry;
  private final long refreshAfterMillis;

  ChainWalk(CacheDefinition<K, V> definition, TierChain<K, V> chain, TierWrites<K, V> writes,
      TierBatchWrites<K, V> batchWrites, InFlight<K, V> inFlight, LateWriteFence<K> lateWrites,
      Telemetry telemetry, long refreshAfterMillis) {
    this.definition = definition;
    this.chain = chain;
    this.writes = writes;
    this.batchWrites = batchWrites;
    this.inFlight = inFlight;
    this.lateWrites = lateWrites;
    this.telemetry = telemetry;
    this.refreshAfterMillis = refreshAfterMillis;
  }

  /** The keys a load still looks for in the fallback tiers, each with its registered load. */
  interface Sought<K, V> {
    boolean isEmpty();

    /**
     * Reads the fallback tier at {@code level} for the keys sought, and hands each entry found to
     * {@link ChainWalk#offer} with {@code undosBefore}: no map for one key's read.
     */
    void readAt(int level, long maxAgeMillis, long undosBefore);

    /** {@return the load of {@code key}, found at a level and no longer sought} */
    Load<K, V> found(K key);
  }

  /** What a load does with the origin's answer. */
  interface Outcome<T> {
    void loaded(@Nullable T value);

    void failed(Throwable cause);

    /** Something threw where nothing should: every load still pending must settle with it. */
    void broke(Throwable unexpected);
  }

  /**
   * Reads the fallback tiers in order for the keys {@code sought}, promoting and settling each one
   * found, until none is left to find. A refresh skips the tiers that never feed L1, and wants
   * only values younger than the one it renews.
   */
  void readFallbacks(Sought<K, V> sought, LoadContext run) {
    long maxAgeMillis = run.refresh() ? refreshAfterMillis : Long.MAX_VALUE;
    for (int level = Levels.FIRST_FALLBACK; level < chain.size() && !sought.isEmpty(); level++) {
      if (run.refresh() && !chain.level(level).promote()) {
        continue; // a refresh exists to renew L1, which this tier never feeds
      }
      sought.readAt(level, maxAgeMillis, lateWrites.now());
    }
  }

  /**
   * Promotes {@code entry}, which {@code sought} found for {@code key} at {@code level}, and settles
   * its load, unless it may be a late write taken back since {@code undosBefore}.
   */
  void offer(Sought<K, V> sought, K key, CacheEntry<V> entry, int level, long undosBefore,
      LoadContext run) {
    if (!mayBeTakenBack(level, key, undosBefore)) {
      promoteAndSettle(sought.found(key), entry, level, run);
    }
  }

  /**
   * Whether a fallback entry of {@code key}, read since {@code undosBefore}, may be a dropped
   * load's late write, or a put's that has not reached L1 yet. The reader is the key's registered
   * load, so another load writing the key was dropped; and a take-back of the key during the read
   * may have followed such a write. Never in a tier that fences its loads' writes
   * ({@link CacheTier#fencesLoadWrites}).
   */
  private boolean mayBeTakenBack(int level, K key, long undosBefore) {
    return !chain.level(level).tier().fencesLoadWrites()
        && lateWrites.mayBeLate(key, undosBefore);
  }

  /**
   * Calls {@code origin} for {@code query} and hands its answer to {@code outcome}, which settles
   * every load, whatever it throws. Throws only what calling the origin throws at once.
   */
  <Q, T> void callOrigin(Origin<Q, T> origin, Q query, long requestId, Outcome<T> outcome) {
    long start = telemetry.startLoad();
    origin.load(query).whenComplete((value, error) -> {
      try {
        if (error == null) {
          telemetry.load(requestId, start, null);
          outcome.loaded(value);
        } else {
          Throwable cause = Futures.unwrap(error);
          telemetry.load(requestId, start, cause);
          outcome.failed(cause);
        }
      } catch (Throwable unexpected) {
        // A future's callback swallows what it throws: settle here, or the key stays in flight
        // and every later caller of it waits forever.
        outcome.broke(unexpected);
      }
    });
  }

  /** Promotes a fallback hit found at {@code source} and settles {@code mine} with it. */
  private void promoteAndSettle(Load<K, V> mine, CacheEntry<V> found, int source,
      LoadContext run) {
    if (source == Levels.FIRST_FALLBACK) { // promotes into L1 only, whose write is atomic
      settlePromoted(mine, found, source, run);
    } else {
      lateWrites.writing(mine.key(), () -> settlePromoted(mine, found, source, run));
    }
  }

  private void settlePromoted(Load<K, V> mine, CacheEntry<V> found, int source,
      LoadContext run) {
    boolean wrote = writes.promote(mine.key(), found, source, run.requestId(), mine);
    settle(mine, found.value(), source, wrote, run);
  }

  /** Writes the value the origin produced for {@code mine} to every tier, then settles it. */
  void storeAndSettle(Load<K, V> mine, @Nullable V value, LoadContext run) {
    K key = mine.key();
    lateWrites.writing(key, () -> {
      boolean cacheable = isCached(definition, value);
      if (!cacheable) {
        chain.abandonLoad(key, mine, run.requestId());
      }
      boolean wrote = cacheable && writes.store(key, value, run.requestId(), mine);
      settle(mine, value, Levels.ORIGIN, wrote, run);
    });
  }

  /**
   * As {@link #storeAndSettle}, for the loads of a batch: writes what the origin returned for the
   * keys of {@code pending} in one batch per tier, then settles each key's load, removing it from
   * {@code pending}. A key the origin's map left out reads as a null result.
   */
  void storeAllAndSettle(Map<K, Load<K, V>> pending, Map<K, V> loaded, LoadContext run) {
    Map<K, @Nullable V> values = new LinkedHashMap<>();
    Map<K, V> cached = new HashMap<>();
    for (K key : pending.keySet()) {
      V value = loaded.get(key);
      values.put(key, value);
      if (isCached(definition, value)) {
        cached.put(key, value);
      }
    }
    List<K> keys = new ArrayList<>(pending.keySet());
    lateWrites.writing(keys, () -> {
      Set<K> wrote = batchWrites.storeAll(cached, pending, run.requestId());
      for (K key : keys) {
        settle(pending.remove(key), values.get(key), Levels.ORIGIN, wrote.contains(key), run);
      }
    });
  }

  /**
   * Whether a value is written to the tiers: the one place that decides whether a null result, or
   * an empty {@code Optional}, is cached as absent ({@code cacheNulls}, or a null ttl).
   */
  static boolean isCached(CacheDefinition<?, ?> definition, @Nullable Object value) {
    return definition.cacheNulls() || definition.nullTtl() != null
        || (value != null && !(value instanceof Optional<?> optional && optional.isEmpty()));
  }

  /**
   * Settles {@code mine} with {@code value}, found at {@code source} ({@link Levels#ORIGIN} when
   * the origin produced it); {@code wrote} says whether it wrote a fallback tier.
   */
  private void settle(Load<K, V> mine, @Nullable V value, int source, boolean wrote,
      LoadContext run) {
    if (!inFlight.leave(mine) && wrote) {
      // Invalidated (or overwritten) while loading, after a fallback write of ours may have
      // passed its check: take it back there. Not in L1, whose write, checked under the key's
      // lock, came before the write that dropped us: removing it would lose a put made since.
      chain.takeBack(mine.key(), mine, run.requestId());
      lateWrites.undone(mine.key());
    }
    if (run.refresh()) {
      telemetry.refreshed(source, run.requestId());
    }
    mine.complete(value);
  }

  /** Settles {@code mine} with {@code failure}, which each of its callers gets. */
  void fail(Load<K, V> mine, Throwable failure, LoadContext run) {
    inFlight.leave(mine);
    if (run.refresh()) {
      telemetry.refreshFailed(run.requestId(), failure);
    }
    mine.completeExceptionally(failure);
  }

  /** As {@link #fail}, for a load whose origin failed: its claims in the fallback tiers end too. */
  void failLoad(Load<K, V> mine, Throwable cause, LoadContext run) {
    chain.abandonLoad(mine.key(), mine, run.requestId());
    fail(mine, cause, run);
  }

  /**
   * Settles a load that threw where nothing should (an {@link Error} from a tier, say). Its
   * claims in the fallback tiers end too, or other instances would wait on them for their
   * {@code maxWait}; a tier it already wrote has no claim of it left, and ignores this.
   */
  void failUnexpectedly(Load<K, V> mine, Throwable unexpected, LoadContext run) {
    abandonThen(() -> chain.abandonLoad(mine.key(), mine, run.requestId()), unexpected,
        () -> fail(mine, unexpected, run));
  }

  /**
   * Fails every load still {@code pending}, emptying it: each of their callers gets
   * {@code failure}. Their claims in the fallback tiers (leases) end first, so that other
   * instances need not wait for them.
   */
  void failAll(Map<K, Load<K, V>> pending, Throwable failure, LoadContext run) {
    abandonThen(() -> chain.abandonLoads(pending, run.requestId()), failure, () -> {
      pending.forEach((key, mine) -> fail(mine, failure, run));
      pending.clear();
    });
  }

  private static void abandonThen(Runnable abandon, Throwable failure, Runnable settle) {
    try {
      abandon.run();
    } catch (Throwable alsoUnexpected) {
      if (alsoUnexpected != failure) {
        failure.addSuppressed(alsoUnexpected);
      }
    } finally {
      settle.run();
    }
  }
}
