package io.tiered.runtime;

import com.github.benmanes.caffeine.cache.Cache;
import io.tiered.runtime.TieredCacheEngine.L1Read;
import io.tiered.runtime.TieredCacheEngine.Load;
import io.tiered.runtime.internal.BulkCache;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The bulk reads of one {@code @Bulk} method over its cache's engine: L1 key by key, stale keys
 * refreshed in one background batch, the keys L1 misses claimed one by one in the engine's
 * in-flight map (or awaited, when another call is loading them) and loaded together by one
 * {@link BulkLoad}. One request id per call.
 */
final class BulkRead<K, V> implements BulkCache<K, V> {
  private final TieredCacheEngine<K, V> engine;
  private final TierChain<K, V> chain;
  private final Telemetry telemetry;
  /** L1's Caffeine cache when a hit needs no event and no refresh check; null otherwise. */
  private final @Nullable Cache<K, Object> l1Lookups;
  private final HitCounter l1Hits;
  private final Origin<List<K>, Map<K, V>> origin;

  BulkRead(TieredCacheEngine<K, V> engine, Origin<List<K>, Map<K, V>> origin) {
    this.engine = engine;
    this.chain = engine.tiers();
    this.telemetry = engine.telemetry();
    this.origin = origin;
    this.l1Lookups = engine.plainHits() ? chain.l1Lookups() : null;
    this.l1Hits = engine.l1Hits();
  }

  @Override
  public Map<K, V> getAll(Iterable<? extends K> keys) {
    return TieredCacheEngine.join(getAllAsync(keys));
  }

  @Override
  public CompletableFuture<Map<K, V>> getAllAsync(Iterable<? extends K> keys) {
    Objects.requireNonNull(keys, "keys");
    long requestId = telemetry.newRequestId();
    Answers<K, V> answers =
        new Answers<>(keys instanceof Collection<?> collection ? collection.size() : 16);
    Map<K, Load<K, V>> claimed = new LinkedHashMap<>();
    List<K> stale = new ArrayList<>();
    long now = engine.clock().millis();
    for (K key : keys) {
      if (key != null && !answers.has(key) && !plainHit(key, answers)) {
        readL1(key, requestId, now, answers, claimed, stale);
      }
    }
    if (!stale.isEmpty()) {
      refresh(stale, requestId);
    }
    if (!claimed.isEmpty()) {
      BulkLoad.run(engine, origin, claimed, requestId, false);
    }
    return answers.all();
  }

  /** As the engine's hit path: answers a bare L1 hit, when no event or refresh check is due. */
  private boolean plainHit(K key, Answers<K, V> answers) {
    if (l1Lookups == null) {
      return false;
    }
    Object stored = l1Lookups.getIfPresent(key);
    if (stored == null || LocalTier.isTimed(stored)) {
      return false;
    }
    l1Hits.increment();
    answers.value(key, LocalTier.bareValueOf(stored));
    return true;
  }

  /**
   * Answers {@code key} from L1 when it holds it fresh (or stale, noting it for refresh);
   * otherwise claims its load, or waits for the load in flight.
   */
  private void readL1(K key, long requestId, long now, Answers<K, V> answers,
      Map<K, Load<K, V>> claimed, List<K> stale) {
    long start = telemetry.startRead();
    Object stored = chain.lookupL1(key);
    L1Read read = engine.judge(stored, now);
    if (read == L1Read.STALE) {
      stale.add(key);
    }
    telemetry.tier(read.outcome(), TierChain.L1, requestId, start);
    if (read.served()) {
      answers.value(key, LocalTier.valueOf(stored));
      return;
    }
    Load<K, V> mine = engine.newLoad(key);
    Load<K, V> other = engine.claim(key, mine, requestId);
    if (other == null) {
      claimed.put(key, mine);
    }
    // With stale-if-error, a key whose load fails is answered from its stale value, as a
    // single-key call's would be.
    answers.await(key, engine.answerOf(key, other == null ? mine : other, requestId));
  }

  /** Refreshes the stale keys no load is renewing yet, in one background batch. */
  private void refresh(List<K> stale, long requestId) {
    Map<K, Load<K, V>> claimed = new LinkedHashMap<>();
    for (K key : stale) {
      Load<K, V> mine = engine.claimRefresh(key);
      if (mine != null) {
        claimed.put(key, mine);
      }
    }
    if (claimed.isEmpty()) {
      return;
    }
    CompletableFuture<Void> done =
        CompletableFuture.allOf(claimed.values().toArray(CompletableFuture[]::new));
    engine.refreshes().schedule(
        () -> BulkLoad.run(engine, origin, started(claimed), requestId, true),
        done, cannotRun -> claimed.forEach(
            (key, mine) -> engine.settleFailure(key, mine, cannotRun, requestId, true)));
  }

  /** The refreshes of {@code claimed} still to run now that they have their permit. */
  private Map<K, Load<K, V>> started(Map<K, Load<K, V>> claimed) {
    Map<K, Load<K, V>> started = new LinkedHashMap<>();
    claimed.forEach((key, mine) -> {
      if (engine.startRefresh(mine)) {
        started.put(key, mine);
      }
    });
    return started;
  }

  @Override
  public String toString() {
    return "BulkCache[" + engine.name() + "]";
  }

  /** What one call has answered: values L1 held, and loads to wait for. */
  private static final class Answers<K, V> {
    private final Map<K, V> values;
    private final Map<K, CompletableFuture<V>> waiting = new LinkedHashMap<>();

    Answers(int expectedKeys) {
      this.values = HashMap.newHashMap(expectedKeys);
    }

    boolean has(K key) {
      return values.containsKey(key) || waiting.containsKey(key);
    }

    void value(K key, @Nullable V value) {
      values.put(key, value);
    }

    void await(K key, CompletableFuture<V> load) {
      waiting.put(key, load);
    }

    /** The values once every load settled, without the keys that have none. */
    CompletableFuture<Map<K, V>> all() {
      if (waiting.isEmpty()) {
        return CompletableFuture.completedFuture(present());
      }
      CompletableFuture<?>[] loads = waiting.values().toArray(CompletableFuture[]::new);
      // Completed by hand: a stage's function that throws would wrap the origin's exception
      CompletableFuture<Map<K, V>> answer = new CompletableFuture<>();
      CompletableFuture.allOf(loads).whenComplete((ignored, error) -> {
        for (Map.Entry<K, CompletableFuture<V>> load : waiting.entrySet()) {
          if (load.getValue().isCompletedExceptionally()) {
            answer.completeExceptionally(
                TieredCacheEngine.unwrap(load.getValue().exceptionNow()));
            return;
          }
          values.put(load.getKey(), load.getValue().resultNow());
        }
        answer.complete(present());
      });
      return answer;
    }

    private Map<K, V> present() {
      values.values().removeIf(Objects::isNull);
      return values;
    }
  }
}
