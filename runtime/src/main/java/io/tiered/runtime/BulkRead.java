package io.tiered.runtime;

import com.github.benmanes.caffeine.cache.Cache;
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
 * The bulk reads of one {@code @Bulk} method over its cache: L1 key by key, stale keys refreshed
 * in one background batch, the keys L1 misses claimed one by one as the cache's single-key loads
 * claim theirs (or awaited, when another call is loading them) and loaded together by one
 * {@link BulkLoad} batch. One request id per call.
 */
final class BulkRead<K, V> implements BulkCache<K, V> {
  private final String name;
  private final Telemetry telemetry;
  /** L1's Caffeine cache when a hit needs no event and no refresh check; null otherwise. */
  private final @Nullable Cache<K, Object> plainL1;
  private final HitCounter l1Hits;
  private final Freshness<K, V> freshness;
  private final ChainLoad<K, V> loads;
  private final BulkLoad<K, V> bulkLoad;

  BulkRead(String name, Telemetry telemetry, @Nullable Cache<K, Object> plainL1,
      HitCounter l1Hits, Freshness<K, V> freshness, ChainLoad<K, V> loads,
      BulkLoad<K, V> bulkLoad) {
    this.name = name;
    this.telemetry = telemetry;
    this.plainL1 = plainL1;
    this.l1Hits = l1Hits;
    this.freshness = freshness;
    this.loads = loads;
    this.bulkLoad = bulkLoad;
  }

  @Override
  public Map<K, V> getAll(Iterable<? extends K> keys) {
    return Futures.join(getAllAsync(keys));
  }

  @Override
  public CompletableFuture<Map<K, V>> getAllAsync(Iterable<? extends K> keys) {
    Objects.requireNonNull(keys, "keys");
    long requestId = telemetry.newRequestId();
    Answers<K, V> answers =
        new Answers<>(keys instanceof Collection<?> collection ? collection.size() : 16);
    Map<K, Load<K, V>> claimed = new LinkedHashMap<>();
    long now = freshness.now();
    for (K key : keys) {
      if (key != null && !answers.has(key) && !plainHit(key, answers)) {
        readL1(key, requestId, now, answers, claimed);
      }
    }
    if (!answers.stale.isEmpty()) {
      bulkLoad.refresh(answers.stale, requestId);
    }
    if (!claimed.isEmpty()) {
      bulkLoad.load(claimed, new LoadContext(requestId, false));
    }
    return answers.all();
  }

  /** As the engine's hit path: answers a bare L1 hit, when no event or refresh check is due. */
  private boolean plainHit(K key, Answers<K, V> answers) {
    if (plainL1 == null) {
      return false;
    }
    Object stored = Freshness.plainHit(plainL1, l1Hits, key);
    if (stored == null) {
      return false;
    }
    answers.value(key, LocalTier.bareValueOf(stored));
    return true;
  }

  /**
   * Answers {@code key} from L1 when it holds it fresh (or stale, noting it for refresh);
   * otherwise claims its load, or waits for the load in flight.
   */
  private void readL1(K key, long requestId, long now, Answers<K, V> answers,
      Map<K, Load<K, V>> claimed) {
    Object stored = freshness.read(key, requestId, now, answers);
    if (stored != null) {
      answers.value(key, LocalTier.valueOf(stored));
      return;
    }
    Load<K, V> mine = loads.newLoad(key);
    Load<K, V> other = loads.claim(key, mine, requestId);
    if (other == null) {
      claimed.put(key, mine);
    }
    // With stale-if-error, a key whose load fails is answered from its stale value, as a
    // single-key call's would be.
    answers.await(key, loads.answer(key, other == null ? mine : other, requestId));
  }

  @Override
  public String toString() {
    return "BulkCache[" + name + "]";
  }

  /** What one call has answered: values L1 held, loads to wait for, and keys to refresh. */
  private static final class Answers<K, V> implements Freshness.StaleKeys<K> {
    private final Map<K, V> values;
    private final Map<K, CompletableFuture<V>> waiting = new LinkedHashMap<>();
    private final List<K> stale = new ArrayList<>();

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

    @Override
    public void stale(K key, long requestId) {
      stale.add(key);
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
            answer.completeExceptionally(Futures.unwrap(load.getValue().exceptionNow()));
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
