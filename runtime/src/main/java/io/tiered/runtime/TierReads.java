package io.tiered.runtime;

import io.tiered.runtime.CacheEvent.Kind;
import io.tiered.runtime.CacheEvent.Operation;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.ObjIntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A load's reads of the fallback tiers of one cache, one key or several at once: each entry judged
 * against its ttl and the age a load accepts, and counted and reported as a hit, miss or expiry. A
 * failing tier never throws out of here: it is reported as an {@code ERROR}, and read as a miss.
 */
final class TierReads<K, V> {
  private final TierChain<K, V> chain;
  private final Telemetry telemetry;
  private final InstantSource clock;

  TierReads(TierChain<K, V> chain, Telemetry telemetry, InstantSource clock) {
    this.chain = chain;
    this.telemetry = telemetry;
    this.clock = clock;
  }

  /**
   * A usable entry of the fallback tier at {@code level}, read by {@code load} (see
   * {@link CacheTier#getForLoad}): null when it misses, holds an expired entry, holds one at least
   * {@code maxAgeMillis} old, or fails. An expired entry is also handed to {@code expired}, when
   * there is one (for stale-if-error, which judges whether it may still be served); it still
   * counts as expired.
   */
  @Nullable CacheEntry<V> read(int level, K key, BooleanSupplier load, long requestId,
      long maxAgeMillis, @Nullable ObjIntConsumer<CacheEntry<V>> expired) {
    long start = telemetry.startRead();
    CacheEntry<V> entry;
    try {
      entry = chain.level(level).tier().getForLoad(key, load);
    } catch (RuntimeException failure) {
      telemetry.tierError(level, Operation.GET, requestId, start, failure);
      return null;
    }
    long now = entry != null && (entry.expires() || maxAgeMillis != Long.MAX_VALUE)
        ? clock.millis()
        : NOT_READ; // nothing to judge against the time: a clock read costs as much as the lookup
    return usable(level, entry, now, requestId, start, maxAgeMillis, expired);
  }

  /** A time not read from the clock, because what it would judge never expires. */
  static final long NOT_READ = 0;

  /**
   * {@code entry} if it may be served, else null; reported as a hit, miss or expiry. An expired
   * entry goes to {@code expired}, when there is one.
   */
  private @Nullable CacheEntry<V> usable(int level, @Nullable CacheEntry<V> entry, long now,
      long requestId, long start, long maxAgeMillis,
      @Nullable ObjIntConsumer<CacheEntry<V>> expired) {
    Kind outcome;
    if (entry == null || !entry.isTagCurrent()) {
      outcome = Kind.MISS; // or one of its tags was invalidated since the load that wrote it began
    } else if (entry.isExpiredAt(now)) {
      outcome = Kind.EXPIRED;
      if (expired != null) {
        expired.accept(entry, level);
      }
    } else if (entry.ageMillis(now) >= maxAgeMillis) {
      outcome = Kind.MISS; // as stale as the value being refreshed
    } else {
      telemetry.tier(Kind.HIT, level, requestId, start);
      return entry;
    }
    telemetry.tier(outcome, level, requestId, start);
    return null;
  }

  /**
   * As {@link #read}, for several keys in one call of the tier ({@link CacheTier#getAllForLoad}),
   * each read by its own load: the usable entries, by key; each key reported as its own hit, miss
   * or expiry. A tier that fails is one error, and a miss for every key.
   */
  Map<K, CacheEntry<V>> readAll(int level, Map<K, ? extends BooleanSupplier> loads,
      long requestId, long maxAgeMillis) {
    long start = telemetry.startRead();
    Map<K, CacheEntry<V>> entries;
    try {
      entries = chain.level(level).tier().getAllForLoad(loads);
    } catch (RuntimeException failure) {
      telemetry.tierError(level, Operation.GET, requestId, start, failure);
      return Map.of();
    }
    long now = clock.millis();
    Map<K, CacheEntry<V>> found = new HashMap<>();
    for (K key : loads.keySet()) { // keys the tier returned but was not asked for are ignored
      CacheEntry<V> entry =
          usable(level, entries.get(key), now, requestId, start, maxAgeMillis, null);
      if (entry != null) {
        found.put(key, entry);
      }
    }
    return found;
  }
}
