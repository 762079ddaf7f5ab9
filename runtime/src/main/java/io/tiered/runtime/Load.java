package io.tiered.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A load or refresh of one key, as registered {@link InFlight}: the future its callers wait on,
 * and, as a {@link BooleanSupplier}, the check its writes make under each tier's key lock that it
 * is still the registered one (an invalidate or put removes it). Being both saves an object per
 * load. With stale-if-error, it also keeps the newest expired entry it read from a fallback tier.
 */
final class Load<K, V> extends CompletableFuture<V>
    implements BooleanSupplier, KeyStamps.Stamped {
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
  private final ConcurrentHashMap<K, Load<K, V>> registry;
  /** Its key's tags' versions as it began: once one moves, what it read may be out of date. */
  private final @Nullable TagStamp stamp;
  private volatile @Nullable StaleEntry<V> stale;
  /** Set when an invalidate or put dropped this load: what it read is out of date. */
  private volatile boolean dropped;
  /**
   * Set when a newer load of the key took its place because one of the key's tags was invalidated
   * since it began: it must answer no caller that began after, yet what it writes carries its
   * stamp, which every tier judges, so it still writes the fallback tiers (never L1: see
   * {@link LocalTier#putIf}), and is not taken back as a dropped load is.
   */
  private volatile boolean retired;
  /** The retired load whose place this one took, which a write of the key must drop too. */
  private volatile @Nullable Load<K, V> predecessor;
  private volatile int state;

  private Load(K key, ConcurrentHashMap<K, Load<K, V>> registry, @Nullable TagStamp stamp,
      int state) {
    this.key = key;
    this.registry = registry;
    this.stamp = stamp;
    this.state = state;
  }

  /** A load of {@code key}, to be registered in {@code registry}. */
  static <K, V> Load<K, V> running(K key, ConcurrentHashMap<K, Load<K, V>> registry,
      @Nullable TagStamp stamp) {
    return new Load<>(key, registry, stamp, RUNNING);
  }

  /** A refresh, queued for its permit until {@link #start}. */
  static <K, V> Load<K, V> queued(K key, ConcurrentHashMap<K, Load<K, V>> registry,
      @Nullable TagStamp stamp) {
    return new Load<>(key, registry, stamp, QUEUED);
  }

  @Override
  public @Nullable TagStamp tagStamp() {
    return stamp;
  }

  /** Whether none of its key's tags was invalidated since it began. */
  boolean isTagCurrent() {
    return stamp == null || stamp.isCurrent();
  }

  K key() {
    return key;
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

  /**
   * Whether this is still its key's registered load, or a retired one: no invalidate or put
   * dropped it. An invalidation of one of its key's tags does not drop it: what it writes carries
   * its {@link #tagStamp()}, which every tier judges.
   */
  @Override
  public boolean getAsBoolean() {
    return registry.get(key) == this || (retired && !dropped);
  }

  /** Takes the place of {@code stale}, whose tags were invalidated since it began. */
  void succeed(Load<K, V> stale) {
    stale.retired = true;
    predecessor = stale;
  }

  /** The retired load whose place this one took, or null. */
  @Nullable Load<K, V> predecessor() {
    return predecessor;
  }

  /** Marks this load dropped from the registry by an invalidate or put. */
  void drop() {
    dropped = true;
  }

  /** Keeps {@code expired}, read at {@code level}, if it is the newest such entry so far. */
  void keepExpired(CacheEntry<V> expired, int level) { // only the loading thread offers
    stale = new StaleEntry<>(expired, level).newer(stale);
  }

  /** {@return the newest expired entry this load read, or null; none once it was dropped} */
  @Nullable StaleEntry<V> staleEntry() {
    return dropped || !isTagCurrent() ? null : stale;
  }
}
