package io.tiered.runtime;

import com.github.benmanes.caffeine.cache.Cache;
import io.tiered.runtime.CacheEvent.Kind;
import io.tiered.runtime.internal.CacheDefinition;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.BooleanSupplier;
import java.util.function.ObjIntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The multi-tier cache behind one cached method: L1, then fallback tiers in order, then the
 * origin; promotion, ttl, stale-while-revalidate refresh and stampede protection.
 *
 * <p>Concurrency: every load and refresh of a key is one {@link CompletableFuture} placed in
 * {@link #inFlight} with {@code putIfAbsent}; other callers wait on it outside any lock, so
 * virtual threads never pin and no loader ever runs inside a map computation. A refresh still
 * queued for its permit is not waited on: a read that needs its key takes its place
 * ({@link #claim}). A load writes its value to the tiers and then removes its future only if it is
 * still the registered one; when an invalidate or put removed it meanwhile, the load takes its
 * fallback writes back, so a value loaded before an invalidate is never served after it. Its L1
 * write needs no taking back: it is checked under the key's lock, so it lands before the write
 * that dropped the load, or not at all.
 */
final class TieredCacheEngine<K, V> implements TieredCache<K, V> {
  private static final int L1 = TierChain.L1;

  private final CacheDefinition<K, V> definition;
  private final TierChain<K, V> chain;
  /** L1's Caffeine cache, read directly by the hit path (one dereference, not three). */
  private final Cache<K, Object> l1Lookups;
  private final Origin<K, V> origin;
  private final RefreshScheduler refreshes;
  private final InstantSource clock;
  private final Telemetry telemetry;
  private final HitCounter l1Hits;
  /** No HIT listener and no refresh-after: a hit is a lookup and a count, nothing more. */
  private final boolean plainHits;
  private final long refreshAfterMillis;
  /** Stale-if-error; null when the method has none. */
  private final @Nullable FailSafe<K, V> failSafe;
  private final ConcurrentHashMap<K, Load<K, V>> inFlight = new ConcurrentHashMap<>();
  /** The newest put begun of each key, until it settles or another write of the key ends it. */
  private final ConcurrentHashMap<K, FencedPut<K, V>> puts = new ConcurrentHashMap<>();
  /**
   * Keys whose load or put is writing fallback tiers, each with how many: one that an invalidate
   * or put dropped meanwhile may land an older value there before it takes it back.
   */
  private final ConcurrentHashMap<K, Integer> writingFallbacks = new ConcurrentHashMap<>();
  private final TakeBacks takeBacks = new TakeBacks();

  TieredCacheEngine(CacheDefinition<K, V> definition, TierChain<K, V> chain, Origin<K, V> origin,
      RefreshScheduler refreshes, InstantSource clock, Telemetry telemetry) {
    this.definition = definition;
    this.chain = chain;
    this.l1Lookups = chain.l1Lookups();
    this.origin = origin;
    this.refreshes = refreshes;
    this.clock = clock;
    this.telemetry = telemetry;
    this.l1Hits = telemetry.hits(L1);
    // With refresh-after or stale-if-error, L1 holds only timed entries, which the hit path's
    // first lookup would never serve.
    this.plainHits = !telemetry.wants(Kind.HIT) && definition.refreshAfter() == null
        && definition.failSafe() == null;
    this.refreshAfterMillis = definition.refreshAfter() == null
        ? Long.MAX_VALUE
        : definition.refreshAfter().toMillis();
    this.failSafe = definition.failSafe() == null
        ? null
        : new FailSafe<>(definition, definition.failSafe(), chain, clock, telemetry);
  }

  @Override
  public String name() {
    return definition.name();
  }

  // The hit path is kept in small methods, and the rest out of them, so that the JIT inlines the
  // whole of it (Caffeine's lookup included) into the generated proxy method. A miss leaves it
  // through one call of a large method, which looks L1 up again: a small miss helper here would be
  // inlined along with the hit (the JIT inlines callees under 35 bytecodes however cold), and a
  // hit inlined into its caller measured 12-13 ns instead of 8 with one.

  @Override
  public @Nullable V get(K key) {
    if (plainHits && key != null) {
      Object stored = l1Lookups.getIfPresent(key);
      if (stored != null && !LocalTier.isTimed(stored)) {
        l1Hits.increment();
        return LocalTier.bareValueOf(stored);
      }
    }
    return getOrLoad(key);
  }

  private @Nullable V getOrLoad(K key) {
    if (key != null) {
      long requestId = telemetry.newRequestId();
      Object hit = readL1(key, requestId);
      if (hit != null) {
        return LocalTier.valueOf(hit);
      }
      Load<K, V> load = load(key, requestId);
      return failSafe == null ? join(load) : failSafe.await(key, load, load, requestId);
    }
    return join(origin.load(key));
  }

  @Override
  public CompletableFuture<V> getAsync(K key) {
    if (key != null) {
      long requestId = telemetry.newRequestId();
      Object hit = readL1(key, requestId);
      if (hit != null) {
        return CompletableFuture.completedFuture(LocalTier.valueOf(hit));
      }
      // Each caller gets its own view of the shared load: one that cancels or completes its
      // future must not decide what the other callers of the key get.
      return answerOf(key, load(key, requestId), requestId);
    }
    return origin.load(key);
  }

  /** What L1 holds fresh for {@code key}, scheduling a refresh when it is stale; else null. */
  private @Nullable Object readL1(K key, long requestId) {
    long start = telemetry.startRead();
    Object stored = chain.lookupL1(key);
    // A bare value needs no clock read: Caffeine already drops it at its ttl, and a clock read
    // costs as much as the rest of the hit path. Only entries (refresh-after, promoted values)
    // are timed here.
    L1Read read = judge(stored, stored instanceof CacheEntry<?> ? clock.millis() : 0);
    if (read == L1Read.STALE) {
      scheduleRefresh(key, requestId);
    }
    telemetry.tier(read.outcome(), L1, requestId, start);
    return read.served() ? stored : null;
  }

  /** What a read finds in L1 for a key: the single-key and the bulk reads' one rule. */
  enum L1Read {
    MISS(Kind.MISS),
    /** Past its ttl: a miss. */
    EXPIRED(Kind.EXPIRED),
    FRESH(Kind.HIT),
    /** Served, and due for refresh. */
    STALE(Kind.HIT);

    private final Kind outcome;

    L1Read(Kind outcome) {
      this.outcome = outcome;
    }

    /** How the read is reported. */
    Kind outcome() {
      return outcome;
    }

    /** Whether what L1 holds is served. */
    boolean served() {
      return outcome == Kind.HIT;
    }
  }

  /**
   * Judges what L1 holds for a key ({@code stored}, null for nothing) at {@code now}, which only
   * a timed entry reads.
   */
  L1Read judge(@Nullable Object stored, long now) {
    if (stored == null) {
      return L1Read.MISS;
    }
    if (!(stored instanceof CacheEntry<?> entry)) {
      return L1Read.FRESH;
    }
    if (entry.isExpiredAt(now)) {
      return L1Read.EXPIRED;
    }
    return entry.ageMillis(now) >= refreshAfterMillis ? L1Read.STALE : L1Read.FRESH;
  }

  /** Joins the load in flight for {@code key}, or starts one. */
  private Load<K, V> load(K key, long requestId) {
    Load<K, V> mine = newLoad(key);
    Load<K, V> other = claim(key, mine, requestId);
    if (other != null) {
      return other;
    }
    // With a soft timeout, the caller must be free to stop waiting: the load runs elsewhere, while
    // fewer than FailSafe's bound do (a hung origin must not take a thread per key).
    if (failSafe == null || !failSafe.hasSoftTimeout()
        || !failSafe.startLoad(() -> loadThroughChain(key, mine, requestId, false), mine)) {
      loadThroughChain(key, mine, requestId, false);
    }
    return mine;
  }

  /** A load of {@code key}, not registered yet: see {@link #claim}. */
  Load<K, V> newLoad(K key) {
    return new Load<>(key, inFlight);
  }

  /**
   * Registers {@code mine} as the load of {@code key}, which L1 missed. Returns null when the
   * caller must now run it (and settle it, whatever happens); otherwise the load to wait for
   * instead: the one already in flight, or {@code mine} answered from what just landed in L1.
   * Bulk reads claim their missing keys through here too, so they coalesce with single-key calls.
   */
  @Nullable Load<K, V> claim(K key, Load<K, V> mine, long requestId) {
    for (Load<K, V> running = inFlight.putIfAbsent(key, mine); running != null;
        running = inFlight.putIfAbsent(key, mine)) {
      if (!running.supersede()) {
        return awaitCoalesced(running, requestId);
      }
      // A refresh still queued for its permit, which may not come for long: a read never waits
      // on it, but takes its place (the refresh, once it gets its permit, does nothing). Of two
      // reads doing so at once, one replaces it; the other finds that one's load next time round.
      if (inFlight.replace(key, running, mine)) {
        break;
      }
    }
    if (peekL1(key) == null) {
      return null;
    }
    // A load finished between our L1 miss and putIfAbsent: its value is in L1. Leave the map,
    // then read L1 again for whoever joined us meanwhile: a value read while we could still be
    // joined may be invalidated (by a write that began before we joined the map, and so did not
    // remove us) before a caller that started after that invalidate joins us.
    inFlight.remove(key, mine);
    Object landed = peekL1(key);
    if (landed != null) {
      mine.complete(LocalTier.valueOf(landed));
    } else { // invalidated between the two reads: start over
      load(key, requestId).relayTo(mine);
    }
    return mine;
  }

  private Load<K, V> awaitCoalesced(Load<K, V> running, long requestId) {
    telemetry.coalesced();
    if (telemetry.wantsCoalescedOutcome()) {
      long start = telemetry.startLoad();
      running.whenComplete(
          (value, error) -> telemetry.coalescedOutcome(requestId, start, unwrap(error)));
    }
    return running;
  }

  private @Nullable Object peekL1(K key) {
    Object stored = chain.lookupL1(key);
    if (stored instanceof CacheEntry<?> entry && entry.isExpiredAt(clock.millis())) {
      return null;
    }
    return stored;
  }

  private void scheduleRefresh(K key, long requestId) {
    Load<K, V> mine = claimRefresh(key);
    if (mine == null) {
      return;
    }
    refreshes.schedule(() -> {
      if (startRefresh(mine)) {
        loadThroughChain(key, mine, requestId, true);
      }
    }, mine, cannotRun -> settleFailure(key, mine, cannotRun, requestId, true));
  }

  /**
   * Registers a refresh of {@code key}, which L1 holds stale; null when refreshes are closed or a
   * load of the key is already in flight. The caller must schedule it, start it once it has its
   * permit ({@link #startRefresh}), and settle it. Until then, a read that needs the key loaded
   * takes its place ({@link #claim}).
   */
  @Nullable Load<K, V> claimRefresh(K key) {
    if (!refreshes.isOpen() || inFlight.containsKey(key)) {
      return null;
    }
    Load<K, V> mine = Load.queued(key, inFlight);
    return inFlight.putIfAbsent(key, mine) == null ? mine : null;
  }

  /**
   * Whether a refresh that just got its permit is to run: not when a read took its place. One
   * that does not run is settled here; nobody waits on it (a read that finds a refresh queued, or
   * already superseded, takes its place instead of joining it).
   */
  boolean startRefresh(Load<K, V> mine) {
    if (mine.start()) {
      return true;
    }
    mine.complete(null);
    return false;
  }

  /**
   * Reads the fallback tiers in order, then calls the origin, and settles {@code mine}. Never
   * throws: whatever happens, the key leaves {@link #inFlight} and {@code mine} completes.
   */
  private void loadThroughChain(K key, Load<K, V> mine, long requestId, boolean refresh) {
    try {
      long maxAgeMillis = refresh ? refreshAfterMillis : Long.MAX_VALUE;
      for (int level = 1; level < chain.size(); level++) {
        if (refresh && !chain.level(level).promote()) {
          continue; // a refresh exists to renew L1, which this tier never feeds
        }
        long takeBacksBefore = takeBacks.now();
        CacheEntry<V> found = chain.read(level, key, mine, requestId, maxAgeMillis,
            failSafe == null ? null : mine);
        if (found != null && !mayBeTakenBack(level, key, takeBacksBefore)) {
          promoteAndSettle(key, found, level, mine, requestId, refresh);
          return;
        }
      }
      long start = telemetry.startLoad();
      origin.load(key).whenComplete((value, error) -> {
        try {
          if (error == null) {
            telemetry.load(requestId, start, null);
            writingFallbacks(key, () -> {
              boolean cacheable = isCacheable(value);
              if (!cacheable) {
                chain.abandonLoad(key, mine, requestId);
              }
              boolean wrote = cacheable && chain.store(key, value, requestId, mine);
              settleValue(key, mine, value, -1, requestId, refresh, wrote);
            });
          } else {
            Throwable cause = unwrap(error);
            telemetry.load(requestId, start, cause);
            chain.abandonLoad(key, mine, requestId);
            settleFailure(key, mine, cause, requestId, refresh);
          }
        } catch (Throwable unexpected) {
          // A future's callback swallows what it throws: settle here, or the key stays in flight
          // and every later caller of it waits forever.
          settleUnexpected(key, mine, unexpected, requestId, refresh);
        }
      });
    } catch (Throwable unexpected) {
      settleUnexpected(key, mine, unexpected, requestId, refresh);
    }
  }

  /**
   * Settles a load that threw where nothing should (an {@link Error} from a tier, say). Its
   * claims in the fallback tiers end too, or other instances would wait on them for their
   * {@code maxWait}; a tier it already wrote has no claim of it left, and ignores this.
   */
  private void settleUnexpected(K key, Load<K, V> mine, Throwable unexpected, long requestId,
      boolean refresh) {
    try {
      chain.abandonLoad(key, mine, requestId);
    } catch (Throwable alsoUnexpected) {
      unexpected.addSuppressed(alsoUnexpected);
    } finally {
      settleFailure(key, mine, unexpected, requestId, refresh);
    }
  }

  /**
   * Promotes a fallback hit of {@code key} found at {@code source} and settles its load with it;
   * the single-key and the bulk paths' one way to do so.
   */
  void promoteAndSettle(K key, CacheEntry<V> found, int source, Load<K, V> mine,
      long requestId, boolean refresh) {
    if (source == L1 + 1) { // promotes into L1 only, whose conditional write is atomic
      settlePromoted(key, found, source, mine, requestId, refresh);
    } else {
      writingFallbacks(key, () -> settlePromoted(key, found, source, mine, requestId, refresh));
    }
  }

  private void settlePromoted(K key, CacheEntry<V> found, int source, Load<K, V> mine,
      long requestId, boolean refresh) {
    boolean wrote = chain.promote(key, found, source, requestId, mine);
    settleValue(key, mine, found.value(), source, requestId, refresh, wrote);
  }

  void settleValue(K key, Load<K, V> mine, @Nullable V value, int source,
      long requestId, boolean refresh, boolean wrote) {
    if (!inFlight.remove(key, mine) && wrote) {
      // Invalidated (or overwritten) while loading, after a fallback write of ours may have
      // passed its check: take it back there. Not in L1, whose write, checked under the key's
      // lock, came before the write that dropped us: removing it would lose a put made since.
      chain.takeBack(key, mine, requestId);
      takeBacks.tookBack(key);
    }
    if (refresh) {
      telemetry.refreshed(source, requestId);
    }
    mine.complete(value);
  }

  /**
   * Runs a load's writes of {@code key} and its settling, marking the key meanwhile when there are
   * fallback tiers: a write there is not atomic with an invalidate, so a load dropped by one may
   * land its older value after it, until it takes it back. See {@link #mayBeTakenBack}.
   */
  void writingFallbacks(K key, Runnable writes) {
    if (chain.size() == 1) {
      writes.run();
      return;
    }
    markWriting(key);
    try {
      writes.run();
    } finally {
      unmarkWriting(key);
    }
  }

  /** As {@link #writingFallbacks(Object, Runnable)}, for the writes of several keys' loads. */
  void writingFallbacks(Collection<K> keys, Runnable writes) {
    if (chain.size() == 1) {
      writes.run();
      return;
    }
    keys.forEach(this::markWriting);
    try {
      writes.run();
    } finally {
      keys.forEach(this::unmarkWriting);
    }
  }

  private void markWriting(K key) {
    writingFallbacks.merge(key, 1, Integer::sum);
  }

  private void unmarkWriting(K key) {
    writingFallbacks.computeIfPresent(key, (k, count) -> count == 1 ? null : count - 1);
  }

  /** The number of the last take-back so far: see {@link #mayBeTakenBack}. */
  long takeBacks() {
    return takeBacks.now();
  }

  /**
   * Whether a fallback entry of {@code key}, read since {@code takeBacksBefore}, may be a dropped
   * load's late write, or a put's that has not reached L1 yet. The reader is the key's registered
   * load, so another load writing the key was dropped; and a take-back of the key during the read
   * may have followed such a write. Never in a tier that fences its loads' writes
   * ({@link CacheTier#fencesLoadWrites}).
   */
  boolean mayBeTakenBack(int level, K key, long takeBacksBefore) {
    return !chain.level(level).tier().fencesLoadWrites()
        && (writingFallbacks.containsKey(key) || takeBacks.since(key, takeBacksBefore));
  }

  void settleFailure(K key, Load<K, V> mine, Throwable failure, long requestId,
      boolean refresh) {
    inFlight.remove(key, mine);
    if (refresh) {
      telemetry.refreshFailed(requestId, failure);
    }
    mine.completeExceptionally(failure);
  }

  boolean isCacheable(@Nullable V value) {
    return definition.cacheNulls() || definition.nullTtl() != null
        || (value != null && !(value instanceof Optional<?> optional && optional.isEmpty()));
  }

  @Override
  public void put(K key, @Nullable V value) {
    beginPut(key).complete(value);
  }

  /**
   * Registers a put of {@code key} as the key's newest write (a put of it begun before lands
   * nowhere now) and takes the tiers' claims for it: see {@link TieredCache#beginPut}.
   */
  @Override
  public PendingPut<K, V> beginPut(K key) {
    FencedPut<K, V> mine = new FencedPut<>(this, key, telemetry.newRequestId());
    if (key != null) {
      puts.put(key, mine);
      mine.fenced(chain.beginPut(key, mine, mine.requestId()));
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
    if (!isCacheable(value)) {
      cancelPut(put);
      invalidate(key);
      return;
    }
    writingFallbacks(key, () -> {
      dropLoad(key);
      boolean stored = put.fenced()
          && chain.storePut(key, value, put.requestId(), put, () -> dropLoad(key));
      if (!puts.remove(key, put) || !stored) {
        invalidate(key);
        takeBacks.tookBack(key);
      }
    });
  }

  /** Ends {@code put}, whose write failed: the tiers give up their claims, keeping what they held. */
  void cancelPut(FencedPut<K, V> put) {
    puts.remove(put.key(), put);
    chain.abandonLoad(put.key(), put, put.requestId());
  }

  @Override
  public void invalidate(K key) {
    if (key == null) {
      return;
    }
    invalidateBefore(chain.size(), key, telemetry.newRequestId());
  }

  /** Removes {@code key} from the levels before {@code end}, L1 last. */
  private void invalidateBefore(int end, K key, long requestId) {
    writeFallbacksThenL1(() -> dropWrites(key), end,
        (from, until) -> chain.invalidate(from, until, key, requestId));
  }

  @Override
  public void invalidateAll(Iterable<? extends K> keys) {
    invalidateBefore(chain.size(), keys);
  }

  /** Removes {@code keys} from the levels before {@code end}, L1 last, one batch per level. */
  private void invalidateBefore(int end, Iterable<? extends K> keys) {
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
    write.apply(L1 + 1, end);
    dropLoads.run();
    write.apply(L1, L1 + 1);
  }

  /**
   * Forgets the load of {@code key} in flight, if any: its fallback writes are taken back, and a
   * stale value it read (from before the write dropping it) is never served.
   */
  private void dropLoad(K key) {
    Load<K, V> dropped = inFlight.remove(key);
    if (dropped != null) {
      dropped.dropped = true;
    }
  }

  /** As {@link #dropLoad}, and a put of {@code key} begun lands nowhere either. */
  private void dropWrites(K key) {
    dropLoad(key);
    puts.remove(key);
  }

  /** As {@link #dropWrites}, for every key. */
  private void dropAllWrites() {
    inFlight.values().forEach(load -> load.dropped = true);
    inFlight.clear();
    puts.clear();
  }

  /** A write to the levels from {@code from} up to, not including, {@code end}. */
  @FunctionalInterface
  private interface LevelRange {
    void apply(int from, int end);
  }

  @Override
  public void invalidateAll() {
    clearBefore(chain.size());
  }

  /** As {@link #invalidateBefore}, for every key. */
  private void clearBefore(int end) {
    long requestId = telemetry.newRequestId();
    dropAllWrites();
    chain.clear(L1 + 1, end, requestId);
    // Exclusive of every load's conditional L1 write: a clear walks the map without taking each
    // key's lock, so a write checked just before it could otherwise land just after it.
    chain.exclusivelyOfLoads(() -> {
      dropAllWrites();
      chain.clear(L1, L1 + 1, requestId);
    });
  }

  /** As {@link #invalidate}, in the levels in front of {@code level} only (an upstream's call). */
  void invalidateInFrontOf(int level, K key) {
    invalidateBefore(level, key, telemetry.newRequestId());
  }

  /** As {@link #invalidateAll(Iterable)}, in the levels in front of {@code level} only. */
  void invalidateInFrontOf(int level, Iterable<? extends K> keys) {
    invalidateBefore(level, keys);
  }

  /** As {@link #invalidateAll()}, in the levels in front of {@code level} only. */
  void invalidateAllInFrontOf(int level) {
    clearBefore(level);
  }

  @Override
  public CacheStats stats() {
    return chain.stats();
  }

  /**
   * What an asynchronous caller of {@code key} gets from {@code load}: a future of its own, with a
   * stale value instead of the load's failure where stale-if-error allows one. Bulk reads answer
   * each key they wait for through here too.
   */
  CompletableFuture<V> answerOf(K key, Load<K, V> load, long requestId) {
    return failSafe == null ? load.relay() : failSafe.answer(key, load, load, requestId);
  }

  /** Whether a bare L1 hit is a lookup and a count, nothing more: see {@link #get}. */
  boolean plainHits() {
    return plainHits;
  }

  /** The counter of L1 hits, for bulk reads' plain hits. */
  HitCounter l1Hits() {
    return l1Hits;
  }

  /** The definition this cache was built from. */
  CacheDefinition<K, V> definition() {
    return definition;
  }

  /** This cache's counters and events, for bulk reads to report through. */
  Telemetry telemetry() {
    return telemetry;
  }

  /** How old an L1 entry may get before a read schedules its refresh; MAX_VALUE for never. */
  long refreshAfterMillis() {
    return refreshAfterMillis;
  }

  /** The refresh executor, for bulk reads to refresh stale keys in one batch. */
  RefreshScheduler refreshes() {
    return refreshes;
  }

  /** The runtime's clock. */
  InstantSource clock() {
    return clock;
  }

  /** The tiers, for tests that check how they are built. */
  TierChain<K, V> tiers() {
    return chain;
  }

  /** Keys whose load or refresh is running; empty when the cache is idle. */
  int inFlightCount() {
    return inFlight.size();
  }

  @Override
  public String toString() {
    return "TieredCache[" + definition.name() + "]";
  }

  static Throwable unwrap(@Nullable Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /**
   * A load or refresh of one key, as registered in {@link #inFlight}: the future its callers
   * wait on, and the check its writes make under each tier's key lock that it is still the
   * registered one (an invalidate or put removes it). Being both saves an object per load. With
   * stale-if-error, it also keeps the newest expired entry it read from a fallback tier.
   */
  static final class Load<K, V> extends CompletableFuture<V>
      implements BooleanSupplier, ObjIntConsumer<CacheEntry<V>>, FailSafe.Candidates<V> {
    /** {@link #state}: a load running, or a refresh that got its permit. */
    private static final int RUNNING = 0;
    /** {@link #state}: a refresh queued for its permit. */
    private static final int QUEUED = 1;
    /** {@link #state}: a refresh whose place a read took while it was queued; it never runs. */
    private static final int SUPERSEDED = 2;
    @SuppressWarnings("rawtypes")
    private static final AtomicIntegerFieldUpdater<Load> STATE =
        AtomicIntegerFieldUpdater.newUpdater(Load.class, "state");

    private final K key;
    private final ConcurrentHashMap<K, Load<K, V>> inFlight;
    private volatile FailSafe.@Nullable StaleEntry<V> stale;
    /** Set when an invalidate or put dropped this load: what it read is out of date. */
    volatile boolean dropped;
    private volatile int state;

    Load(K key, ConcurrentHashMap<K, Load<K, V>> inFlight) {
      this.key = key;
      this.inFlight = inFlight;
    }

    /** A refresh, queued for its permit until {@link #start}. */
    static <K, V> Load<K, V> queued(K key, ConcurrentHashMap<K, Load<K, V>> inFlight) {
      Load<K, V> refresh = new Load<>(key, inFlight);
      refresh.state = QUEUED;
      return refresh;
    }

    /** Whether this refresh may run now that it has its permit: no read took its place. */
    boolean start() {
      return STATE.compareAndSet(this, QUEUED, RUNNING);
    }

    /**
     * Whether a read may take this load's place, which it may only while this is a refresh that
     * has not started: then it never will.
     */
    boolean supersede() {
      return state != RUNNING
          && (STATE.compareAndSet(this, QUEUED, SUPERSEDED) || state == SUPERSEDED);
    }

    @Override
    public boolean getAsBoolean() {
      return inFlight.get(key) == this;
    }

    /**
     * A future of one caller's own with this load's outcome; a failure as the origin's own
     * exception ({@code copy()} would wrap it in a {@link CompletionException}).
     */
    CompletableFuture<V> relay() {
      CompletableFuture<V> answer = new CompletableFuture<>();
      relayTo(answer);
      return answer;
    }

    /** Completes {@code target} as this load completes, a failure as the origin's exception. */
    void relayTo(CompletableFuture<V> target) {
      whenComplete((value, error) -> {
        if (error == null) {
          target.complete(value);
        } else {
          target.completeExceptionally(unwrap(error));
        }
      });
    }

    @Override
    public void accept(CacheEntry<V> expired, int level) { // only the loading thread offers
      stale = new FailSafe.StaleEntry<>(expired, level).newer(stale);
    }

    @Override
    public FailSafe.@Nullable StaleEntry<V> staleEntry() {
      return dropped ? null : stale;
    }
  }

  /** Waits for a load outside any lock and rethrows the origin's own exception, checked or not. */
  static <V> V join(CompletableFuture<V> future) {
    try {
      return future.join();
    } catch (CompletionException failure) {
      throw TieredCacheEngine.<RuntimeException>sneakyThrow(unwrap(failure));
    }
  }

  @SuppressWarnings("unchecked")
  static <E extends Throwable> E sneakyThrow(Throwable failure) throws E {
    throw (E) failure;
  }
}
