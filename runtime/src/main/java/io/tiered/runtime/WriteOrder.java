package io.tiered.runtime;

import io.tiered.runtime.internal.CacheDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The writes of one cache, ordered against its loads and against each other: puts (begun before
 * the write that produces their value, and landing only while they are their key's newest write),
 * invalidations, clears, and the drops a fallback tier asks of the levels in front of it. Each
 * write drops the loads of its keys in flight, so that a value loaded before it is never served
 * after it.
 */
final class WriteOrder<K, V> {
  private final CacheDefinition<K, V> definition;
  private final TierChain<K, V> chain;
  private final TierWrites<K, V> writes;
  private final InFlight<K, V> inFlight;
  private final LateWriteFence<K> lateWrites;
  private final Telemetry telemetry;
  private final KeyStamps<K> stamps;
  /** The newest put begun of each key, until it settles or another write of the key ends it. */
  private final ConcurrentHashMap<K, FencedPut<K, V>> puts = new ConcurrentHashMap<>();

  WriteOrder(CacheDefinition<K, V> definition, TierChain<K, V> chain, TierWrites<K, V> writes,
      InFlight<K, V> inFlight, LateWriteFence<K> lateWrites, Telemetry telemetry,
      KeyStamps<K> stamps) {
    this.stamps = stamps;
    this.definition = definition;
    this.chain = chain;
    this.writes = writes;
    this.inFlight = inFlight;
    this.lateWrites = lateWrites;
    this.telemetry = telemetry;
  }

  /**
   * Registers a put of {@code key} as the key's newest write (a put of it begun before lands
   * nowhere now) and takes the tiers' claims for it: see {@link TieredCache#beginPut}.
   */
  FencedPut<K, V> beginPut(@Nullable K key) {
    FencedPut<K, V> mine = new FencedPut<>(this, key, telemetry.newRequestId(),
        key == null ? null : stamps.stamp(key));
    if (key != null) {
      puts.put(key, mine);
      mine.fenced(writes.beginPut(key, mine, mine.requestId()));
    }
    return mine;
  }

  /** Whether no invalidate or other put of its key came since {@code put} began. */
  boolean isNewestWrite(FencedPut<K, V> put) {
    return puts.get(put.key()) == put;
  }

  /**
   * Writes the value of {@code put}, L1 first (where loads of the key that read before the write
   * are dropped once it is visible), then the fallback tiers. A put that another write of the key
   * overtook, or that a tier refused or failed, invalidates the key everywhere instead: its write
   * may be the older of the two, and the value it wrote already may be served by no tier.
   */
  void completePut(FencedPut<K, V> put, @Nullable V value) {
    K key = put.key();
    if (!ChainWalk.isCached(definition, value)) {
      cancelPut(put);
      invalidate(key);
      return;
    }
    lateWrites.writing(key, () -> {
      inFlight.drop(key);
      boolean stored = put.fenced()
          && writes.storePut(key, value, put.requestId(), put, () -> inFlight.drop(key));
      if (!puts.remove(key, put) || !stored) {
        invalidate(key);
        lateWrites.undone(key);
      }
    });
  }

  /** Ends {@code put}, whose write failed: the tiers give up their claims, keeping theirs. */
  void cancelPut(FencedPut<K, V> put) {
    puts.remove(put.key(), put);
    chain.abandonLoad(put.key(), put, put.requestId());
  }

  /** Removes {@code key} from every level, L1 last. */
  void invalidate(K key) {
    invalidateBefore(chain.size(), key);
  }

  /**
   * Removes {@code key} from the levels before {@code end}, L1 last: every level, or those in
   * front of a fallback tier that asks it (an upstream's call).
   */
  void invalidateBefore(int end, K key) {
    long requestId = telemetry.newRequestId();
    writeFallbacksThenL1(() -> dropWrites(key), end,
        (from, until) -> chain.invalidate(from, until, key, requestId));
  }

  /** Removes {@code keys} from the levels before {@code end}, L1 last, one batch per level. */
  void invalidateBefore(int end, Iterable<? extends K> keys) {
    List<K> batch = new ArrayList<>();
    for (K key : keys) {
      if (key != null) { // null keys bypass the cache: nothing was ever stored under one
        batch.add(key);
      }
    }
    if (batch.isEmpty()) {
      return;
    }
    long requestId = telemetry.newRequestId();
    writeFallbacksThenL1(() -> batch.forEach(this::dropWrites), end,
        (from, until) -> chain.invalidateAll(from, until, batch, requestId));
  }

  /**
   * Applies a write of some keys to the fallback levels before {@code end}, then to L1, dropping
   * their loads in flight before each. A load that started after the first drop may read a
   * fallback level before the write reaches it, so it must be dropped again before L1 is written,
   * or it could land that older value in L1 afterwards.
   */
  private void writeFallbacksThenL1(Runnable dropLoads, int end, LevelRange write) {
    dropLoads.run();
    write.apply(Levels.FIRST_FALLBACK, end);
    dropLoads.run();
    write.apply(Levels.L1, Levels.FIRST_FALLBACK);
  }

  /** As {@link InFlight#drop}, and a put of {@code key} begun lands nowhere either. */
  private void dropWrites(K key) {
    inFlight.drop(key);
    puts.remove(key);
  }

  /** As {@link #dropWrites}, for every key. */
  private void dropAllWrites() {
    inFlight.dropAll();
    puts.clear();
  }

  /** A write to the levels from {@code from} up to, not including, {@code end}. */
  @FunctionalInterface
  private interface LevelRange {
    void apply(int from, int end);
  }

  /** As {@link #invalidateBefore}, for every key. */
  void clearBefore(int end) {
    long requestId = telemetry.newRequestId();
    dropAllWrites();
    chain.clear(Levels.FIRST_FALLBACK, end, requestId);
    // Exclusive of every load's conditional L1 write: a clear walks the map without taking each
    // key's lock, so a write checked just before it could otherwise land just after it.
    chain.exclusivelyOfLoads(() -> {
      dropAllWrites();
      chain.clear(Levels.L1, Levels.FIRST_FALLBACK, requestId);
    });
  }
}
