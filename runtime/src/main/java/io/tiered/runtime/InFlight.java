package io.tiered.runtime;

import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The loads and refreshes of one cache in flight, one {@link Load} per key, placed with
 * {@code putIfAbsent}: other callers wait on it outside any lock, so virtual threads never pin and
 * no loader ever runs inside a map computation. A refresh still queued for its permit is not
 * waited on: a read that needs its key takes its place. A write of a key drops its load from here,
 * which then lands nowhere it could be served after the write.
 */
final class InFlight<K, V> {
  private final ConcurrentHashMap<K, Load<K, V>> loads = new ConcurrentHashMap<>();
  private final Telemetry telemetry;
  private final RefreshScheduler refreshes;
  private final KeyStamps<K> stamps;

  InFlight(Telemetry telemetry, RefreshScheduler refreshes, KeyStamps<K> stamps) {
    this.telemetry = telemetry;
    this.refreshes = refreshes;
    this.stamps = stamps;
  }

  /** A load of {@code key} beginning now, not registered yet: see {@link #register}. */
  Load<K, V> newLoad(K key) {
    return Load.running(key, loads, stamps.stamp(key));
  }

  /**
   * Registers {@code mine} as the load of {@code key}; returns null when it is now registered,
   * else the load already in flight, to wait for instead.
   */
  @Nullable Load<K, V> register(K key, Load<K, V> mine, long requestId) {
    for (Load<K, V> running = loads.putIfAbsent(key, mine); running != null;
        running = loads.putIfAbsent(key, mine)) {
      boolean tagCurrent = running.isTagCurrent();
      if (tagCurrent && !running.supersede()) {
        return awaitCoalesced(running, requestId);
      }
      // A refresh still queued for its permit, which may not come for long: a read never waits
      // on it, but takes its place (the refresh, once it gets its permit, does nothing). Or a load
      // begun before one of its key's tags was invalidated: what it returns is out of date for a
      // caller that began after. Of two reads doing so at once, one replaces it; the other finds
      // that one's load next time round.
      if (loads.replace(key, running, mine)) {
        if (!tagCurrent) {
          mine.succeed(running);
        }
        break;
      }
    }
    return null;
  }

  private Load<K, V> awaitCoalesced(Load<K, V> running, long requestId) {
    telemetry.coalesced();
    if (telemetry.wantsCoalescedOutcome()) {
      long start = telemetry.startLoad();
      running.whenComplete(
          (value, error) -> telemetry.coalescedOutcome(requestId, start, Futures.unwrap(error)));
    }
    return running;
  }

  /**
   * Registers a refresh of {@code key}, which L1 holds stale; null when refreshes are closed or a
   * load of the key is already in flight. The caller must schedule it, start it once it has its
   * permit ({@link #startRefresh}), and settle it. Until then, a read that needs the key loaded
   * takes its place ({@link #register}).
   */
  @Nullable Load<K, V> claimRefresh(K key) {
    if (!refreshes.isOpen() || loads.containsKey(key)) {
      return null;
    }
    Load<K, V> mine = Load.queued(key, loads, stamps.stamp(key));
    return loads.putIfAbsent(key, mine) == null ? mine : null;
  }

  /**
   * Whether a refresh that just got its permit is to run: not when a read took its place. One
   * that does not run is settled here; nobody waits on it (a read that finds a refresh queued, or
   * already superseded, takes its place instead of joining it).
   */
  static boolean startRefresh(Load<?, ?> mine) {
    if (mine.start()) {
      return true;
    }
    mine.complete(null);
    return false;
  }

  /**
   * Removes {@code mine}, settling; false when a write dropped it meanwhile. A load retired by a
   * tag invalidation ({@link Load#succeed}) is no longer here, and left as it was.
   */
  boolean leave(Load<K, V> mine) {
    return loads.remove(mine.key(), mine) || mine.getAsBoolean();
  }

  /**
   * Forgets the load of {@code key} in flight, if any: its fallback writes are taken back, and a
   * stale value it read (from before the write dropping it) is never served.
   */
  void drop(K key) {
    dropWithPredecessors(loads.remove(key));
  }

  /** As {@link #drop}, for every key. */
  void dropAll() {
    loads.values().forEach(InFlight::dropWithPredecessors);
    loads.clear();
  }

  /** Drops {@code load} and the retired loads it took the place of, which write as it does. */
  private static void dropWithPredecessors(@Nullable Load<?, ?> load) {
    for (Load<?, ?> each = load; each != null; each = each.predecessor()) {
      each.drop();
    }
  }
}
