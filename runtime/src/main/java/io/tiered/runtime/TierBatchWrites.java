package io.tiered.runtime;

import io.tiered.runtime.CacheEvent.Kind;
import io.tiered.runtime.CacheEvent.Operation;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The writes of what one bulk load produced: as {@link TierWrites} writes one load's value, for
 * many keys, each fallback tier written in as few calls as it can take.
 */
final class TierBatchWrites<K, V> {
  private final TierChain<K, V> chain;
  private final TierWrites<K, V> writes;
  private final Telemetry telemetry;
  private final InstantSource clock;

  TierBatchWrites(TierChain<K, V> chain, TierWrites<K, V> writes, Telemetry telemetry,
      InstantSource clock) {
    this.chain = chain;
    this.writes = writes;
    this.telemetry = telemetry;
    this.clock = clock;
  }

  /**
   * As {@link TierWrites#store} for each of several values one bulk load produced: L1 key by key
   * (each write conditional on its key's load), then each fallback level in as few calls as it can
   * take:
   * the keys whose load is still current ({@link CacheTier#putAllLoaded}), those an invalidate
   * dropped meanwhile ({@link CacheTier#putAllFromDroppedLoads}), and the keys of {@code loads} it
   * does not write, which are told their load ended ({@link CacheTier#loadsAbandoned}): no value
   * to cache, kept out by the insert policy, dropped and not stored, or refused by a level in
   * front of it. A key a level refuses is written to no level after it, and its L1 copy is
   * removed, as {@link TierWrites#store} does. Returns the keys written to a fallback level, or
   * refused there (see {@link TierWrites#write}).
   *
   * @param values the values to write, by key; keys of {@code loads} absent here are not cached
   * @param loads every key the bulk load was loading, with its load
   */
  Set<K> storeAll(Map<K, V> values, Map<K, ? extends BooleanSupplier> loads, long requestId) {
    Instant loadedAt = clock.instant();
    Set<K> wrote = new HashSet<>();
    values.forEach((key, value) -> writes.write(Levels.L1, key,
        KeyStamps.stamped(CacheEntry.of(value, loadedAt, chain.level(Levels.L1).ttlFor(value)),
            loads.get(key)),
        requestId, loads.get(key), loadedAt.toEpochMilli()));
    Set<K> refused = new HashSet<>();
    for (int level = Levels.FIRST_FALLBACK; level < chain.size(); level++) {
      long start = telemetry.startWrite();
      Map<K, CacheEntry<V>> current = new HashMap<>();
      Map<K, CacheEntry<V>> dropped = new HashMap<>();
      Map<K, BooleanSupplier> abandoned = new HashMap<>();
      for (Map.Entry<K, ? extends BooleanSupplier> load : loads.entrySet()) {
        K key = load.getKey();
        if (!values.containsKey(key) || refused.contains(key)) {
          abandoned.put(key, load.getValue());
          continue;
        }
        V value = values.get(key);
        CacheEntry<V> entry = KeyStamps.stamped(
            CacheEntry.of(value, loadedAt, chain.level(level).ttlFor(value)), load.getValue());
        if (!writes.admits(level, key, entry, requestId, start)) {
          abandoned.put(key, load.getValue());
        } else if (load.getValue().getAsBoolean()) {
          current.put(key, entry);
        } else {
          // Invalidated or overwritten while loading: out of date, unless the tier can tell it is
          // not (its claim outlived the invalidate).
          dropped.put(key, entry);
        }
      }
      writeLoaded(level, current, loads, refused, wrote, requestId, start);
      writeDropped(level, dropped, loads, abandoned, wrote, requestId, start);
      if (!abandoned.isEmpty()) {
        chain.abandonLoads(level, level + 1, abandoned, requestId);
      }
    }
    return wrote;
  }

  /**
   * The current keys' writes of {@link #storeAll} to one fallback level; the keys it refuses join
   * {@code refused}, and leave L1.
   */
  private void writeLoaded(int level, Map<K, CacheEntry<V>> current,
      Map<K, ? extends BooleanSupplier> loads, Set<K> refused, Set<K> wrote, long requestId,
      long start) {
    if (current.isEmpty()) {
      return;
    }
    wrote.addAll(current.keySet()); // even if it throws: part of it may have landed
    Set<K> refusedHere;
    try {
      refusedHere = chain.level(level).tier().putAllLoaded(current, loads);
    } catch (RuntimeException failure) {
      telemetry.tierError(level, Operation.PUT, requestId, start, failure);
      return;
    }
    for (K key : current.keySet()) {
      if (refusedHere.contains(key)) {
        telemetry.tier(Kind.INSERT_REJECTED, level, requestId, start);
        refused.add(key);
        chain.invalidate(Levels.L1, Levels.FIRST_FALLBACK, key, requestId);
      } else {
        telemetry.tier(Kind.INSERTED, level, requestId, start);
      }
    }
  }

  /**
   * The dropped keys' writes of {@link #storeAll} to one fallback level; the keys it does not
   * store join {@code abandoned}.
   */
  private void writeDropped(int level, Map<K, CacheEntry<V>> dropped,
      Map<K, ? extends BooleanSupplier> loads, Map<K, BooleanSupplier> abandoned, Set<K> wrote,
      long requestId, long start) {
    if (dropped.isEmpty()) {
      return;
    }
    Set<K> stored;
    try {
      stored = chain.level(level).tier().putAllFromDroppedLoads(dropped, loads);
    } catch (RuntimeException failure) {
      wrote.addAll(dropped.keySet()); // part of it may have landed
      telemetry.tierError(level, Operation.PUT, requestId, start, failure);
      return;
    }
    for (K key : dropped.keySet()) {
      if (stored.contains(key)) {
        wrote.add(key);
        telemetry.tier(Kind.INSERTED, level, requestId, start);
      } else {
        abandoned.put(key, loads.get(key));
      }
    }
  }
}
