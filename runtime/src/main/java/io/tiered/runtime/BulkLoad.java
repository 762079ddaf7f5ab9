package io.tiered.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The loads of one {@code @Bulk} method: batches of keys that its bulk reads registered, key by
 * key, {@link InFlight}. A batch reads each fallback tier once for the keys still missing, each
 * key by its own load (so a tier may take a claim, a lease, per key:
 * {@link CacheTier#getAllForLoad}), calls the origin once for the rest, writes what it loaded in
 * one batch per tier, and settles every key's load through the same {@link ChainWalk} as a
 * single-key load, so each key keeps its guarantees (promotion, insert policy, leases, take-backs
 * after an invalidate). Whatever happens, every key leaves the in-flight map, its load completes,
 * and the tiers are told of every load that ends without writing them.
 */
final class BulkLoad<K, V> {
  private final TierReads<K, V> reads;
  private final InFlight<K, V> inFlight;
  private final ChainWalk<K, V> walk;
  private final RefreshScheduler refreshes;
  private final Origin<List<K>, Map<K, V>> origin;

  BulkLoad(TierReads<K, V> reads, InFlight<K, V> inFlight, ChainWalk<K, V> walk,
      RefreshScheduler refreshes, Origin<List<K>, Map<K, V>> origin) {
    this.reads = reads;
    this.inFlight = inFlight;
    this.walk = walk;
    this.refreshes = refreshes;
    this.origin = origin;
  }

  /**
   * Loads the keys of {@code claimed}, each already registered as in flight by this call, and
   * settles their loads; a refresh renews L1 only, as a single-key refresh does. Never throws.
   */
  void load(Map<K, Load<K, V>> claimed, LoadContext run) {
    new Batch(claimed, run).run();
  }

  /** Refreshes the stale keys no load is renewing yet, in one background batch. */
  void refresh(List<K> stale, long requestId) {
    Map<K, Load<K, V>> claimed = new LinkedHashMap<>();
    for (K key : stale) {
      Load<K, V> mine = inFlight.claimRefresh(key);
      if (mine != null) {
        claimed.put(key, mine);
      }
    }
    if (claimed.isEmpty()) {
      return;
    }
    LoadContext run = new LoadContext(requestId, true);
    CompletableFuture<Void> done =
        CompletableFuture.allOf(claimed.values().toArray(CompletableFuture[]::new));
    refreshes.schedule(() -> load(started(claimed), run), done,
        cannotRun -> claimed.forEach((key, mine) -> walk.fail(mine, cannotRun, run)));
  }

  /** The refreshes of {@code claimed} still to run now that they have their permit. */
  private static <K, V> Map<K, Load<K, V>> started(Map<K, Load<K, V>> claimed) {
    Map<K, Load<K, V>> started = new LinkedHashMap<>();
    claimed.forEach((key, mine) -> {
      if (InFlight.startRefresh(mine)) {
        started.put(key, mine);
      }
    });
    return started;
  }

  /** One batch: the loads not settled yet, in the order the caller asked for their keys. */
  private final class Batch implements ChainWalk.Sought<K, V>, ChainWalk.Outcome<Map<K, V>> {
    private final Map<K, Load<K, V>> pending;
    private final LoadContext run;

    Batch(Map<K, Load<K, V>> claimed, LoadContext run) {
      this.pending = new LinkedHashMap<>(claimed);
      this.run = run;
    }

    void run() {
      try {
        walk.readFallbacks(this, run);
        if (!pending.isEmpty()) {
          walk.callOrigin(origin, List.copyOf(pending.keySet()), run.requestId(), this);
        }
      } catch (Throwable unexpected) {
        walk.failAll(pending, unexpected, run);
      }
    }

    @Override
    public boolean isEmpty() {
      return pending.isEmpty();
    }

    @Override
    public void readAt(int level, long maxAgeMillis, long undosBefore) {
      reads.readAll(level, new LinkedHashMap<>(pending), run.requestId(), maxAgeMillis)
          .forEach((key, entry) -> walk.offer(this, key, entry, level, undosBefore, run));
    }

    @Override
    public Load<K, V> found(K key) {
      return pending.remove(key);
    }

    @Override
    public void loaded(@Nullable Map<K, V> values) {
      walk.storeAllAndSettle(pending, values == null ? Map.of() : values, run);
    }

    @Override
    public void failed(Throwable cause) {
      walk.failAll(pending, cause, run);
    }

    @Override
    public void broke(Throwable unexpected) {
      walk.failAll(pending, unexpected, run); // a callback's exception is swallowed: settle
    }
  }
}
