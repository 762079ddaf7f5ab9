package io.tiered.runtime;

import com.github.benmanes.caffeine.cache.Cache;
import io.tiered.runtime.CacheEvent.Kind;
import io.tiered.runtime.CacheEvent.Operation;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The tiers of one cache, L1 first: each tier by its level, and the operations applied to a run
 * of levels (invalidations, take-backs, the end of a load's claims), each counted and reported. A
 * failing tier never throws out of here; it is reported as an {@code ERROR} and skipped. A load's
 * reads are {@link TierReads}', its writes {@link TierWrites}' and {@link TierBatchWrites}'. The
 * engine decides what to read and write; these classes know how.
 */
final class TierChain<K, V> {
  private final ChainedTier<K, V>[] levels;
  private final LocalTier<K, V> l1;
  private final Telemetry telemetry;

  TierChain(LocalTier<K, V> l1, List<ChainedTier<K, V>> levels, Telemetry telemetry) {
    @SuppressWarnings("unchecked")
    ChainedTier<K, V>[] array = levels.toArray(ChainedTier[]::new);
    this.levels = array;
    this.l1 = l1;
    this.telemetry = telemetry;
  }

  /** What L1 holds for {@code key}, as {@link LocalTier#lookup} says; the hit path's one read. */
  @Nullable Object lookupL1(K key) {
    return l1.lookup(key);
  }

  /**
   * L1's Caffeine cache, for the engine's hit path to read with one dereference; only ever read
   * through {@code getIfPresent}: every write goes through this chain.
   */
  Cache<K, Object> l1Lookups() {
    return l1.cache;
  }

  /** L1, for the writes only it makes: conditional on a load or put, under the key's lock. */
  LocalTier<K, V> l1() {
    return l1;
  }

  int size() {
    return levels.length;
  }

  ChainedTier<K, V> level(int level) {
    return levels[level];
  }

  /** Tells the fallback tiers that {@code load} of {@code key} ends without writing them. */
  void abandonLoad(K key, BooleanSupplier load, long requestId) {
    abandon(Levels.FIRST_FALLBACK, levels.length, key, load, requestId);
  }

  /** As {@link #abandonLoad}, for the levels from {@code from} up to, not including, {@code end}. */
  void abandon(int from, int end, K key, BooleanSupplier load, long requestId) {
    forEachBetween(from, end, requestId, Operation.PUT, tier -> tier.loadAbandoned(key, load),
        false);
  }

  /**
   * Tells the fallback tiers that the loads of several keys end without writing them (see
   * {@link CacheTier#loadsAbandoned}).
   */
  void abandonLoads(Map<K, ? extends BooleanSupplier> loads, long requestId) {
    if (!loads.isEmpty()) {
      abandonLoads(Levels.FIRST_FALLBACK, levels.length, loads, requestId);
    }
  }

  /** As {@link #abandonLoads(Map, long)}, for the levels from {@code from} up to {@code end}. */
  void abandonLoads(int from, int end, Map<K, ? extends BooleanSupplier> loads, long requestId) {
    forEachBetween(from, end, requestId, Operation.PUT, tier -> tier.loadsAbandoned(loads), false);
  }

  /**
   * Runs {@code clearing} with no conditional L1 write of a load in progress: see
   * {@link LocalTier#exclusively}.
   */
  void exclusivelyOfLoads(Runnable clearing) {
    l1.exclusively(clearing);
  }

  /** Removes {@code key} from the levels from {@code from} up to, not including, {@code end}. */
  void invalidate(int from, int end, K key, long requestId) {
    forEachBetween(from, end, requestId, Operation.INVALIDATE, tier -> tier.invalidate(key));
  }

  /**
   * Takes back what {@code load} wrote of {@code key} in the fallback tiers after an invalidate
   * dropped it ({@link CacheTier#takeBack}). Not L1's copy: its write, checked under the key's lock,
   * came before the write that dropped the load, and removing it would lose a put made since.
   */
  void takeBack(K key, BooleanSupplier load, long requestId) {
    forEachBetween(Levels.FIRST_FALLBACK, levels.length, requestId, Operation.INVALIDATE,
        tier -> tier.takeBack(key, load));
  }

  /** Removes {@code keys} from the levels from {@code from} up to, not including, {@code end}. */
  void invalidateAll(int from, int end, List<K> keys, long requestId) {
    forEachBetween(from, end, requestId, Operation.INVALIDATE, tier -> tier.invalidateAll(keys));
  }

  /** Removes every key from the levels from {@code from} up to, not including, {@code end}. */
  void clear(int from, int end, long requestId) {
    forEachBetween(from, end, requestId, Operation.CLEAR, CacheTier::clear);
  }

  private void forEachBetween(int from, int end, long requestId, Operation name,
      Consumer<CacheTier<K, V>> operation) {
    forEachBetween(from, end, requestId, name, operation, true);
  }

  private void forEachBetween(int from, int end, long requestId, Operation name,
      Consumer<CacheTier<K, V>> operation, boolean invalidates) {
    for (int level = from; level < end; level++) {
      long start = telemetry.startWrite();
      try {
        operation.accept(levels[level].tier());
        if (invalidates) {
          telemetry.tier(Kind.INVALIDATED, level, requestId, start);
        }
      } catch (RuntimeException failure) {
        telemetry.tierError(level, name, requestId, start, failure);
      }
    }
  }

  CacheStats stats() {
    return telemetry.snapshot(List.of(levels).stream().map(ChainedTier::tier).toList());
  }
}