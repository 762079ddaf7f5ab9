package io.tiered.runtime;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One cached method's cache, across all its tiers. Generated proxies expose one per cached method
 * so callers can, for example, evict a key after a write:
 *
 * <pre>{@code
 * TieredPriceService prices = new TieredPriceService(origin, runtime);
 * prices.priceCache().invalidate(sku);
 * }</pre>
 *
 * <p>Nulls and exceptions:
 *
 * <ul>
 *   <li>A {@code null} key bypasses the cache: {@link #get} and {@link #getAsync} call the origin
 *       directly, with nothing read, written or coalesced; {@link #put} and {@link #invalidate}
 *       of a {@code null} key do nothing.
 *   <li>A {@code null} value (or {@code Optional.empty()}) is cached only when the method says so
 *       ({@code @Tiered(cacheNulls = true)}); otherwise {@code put(key, null)} invalidates the key,
 *       as a load returning null would leave it absent.
 *   <li>The origin's exceptions reach the caller unchanged, checked ones included, and are never
 *       cached. A tier that fails never fails a call: it counts as a miss on read and is skipped
 *       on write, with an {@code ERROR} event. So {@code put}, {@code invalidate} and
 *       {@code invalidateAll} never throw for a failing tier; a failed invalidation is reported
 *       ({@code cache.errors}) because the tier may still hold the old value.
 * </ul>
 *
 * @param <K> the key type: the parameter itself, a generated record for several, {@link NoKey}
 *     for none
 * @param <V> the cached value type (for async methods, the completed value's)
 */
public interface TieredCache<K, V> {

  /**
   * {@return the cache's name, such as {@code PriceService.price}} Events, stats and meters name
   * the cache by it, and remote tiers keep its keys apart from other caches' by it.
   */
  String name();

  /**
   * {@return the value for {@code key}: from the first tier that holds a fresh one, else from the
   * origin; null when the origin returned null} One origin call however many callers ask at once.
   * Throws what the origin throws.
   *
   * @param key the method's argument, the record of its arguments, or {@link NoKey#INSTANCE};
   *     null calls the origin without caching
   */
  @Nullable V get(K key);

  /**
   * {@return the value for {@code key} as {@link #get} finds it, without blocking on an
   * asynchronous origin; failed with what the origin threw} Fallback tiers are still read, and a
   * synchronous origin called, on the calling thread. Callers of the same key share one load,
   * each through a future of its own: cancelling or completing yours affects no other caller,
   * and does not stop the load.
   *
   * @param key as for {@link #get}
   */
  CompletableFuture<V> getAsync(K key);

  /**
   * Writes {@code value} to every tier, as if the origin had just returned it (no load is
   * counted). A load of {@code key} already running will not write its value over it.
   *
   * @param key the key to write; null does nothing
   * @param value the new value; null or {@code Optional.empty()} invalidates {@code key} instead,
   *     unless the cache caches nulls
   */
  void put(K key, @Nullable V value);

  /**
   * Begins a put of {@code key} before the write that produces its value: call it before writing
   * the source of truth, then {@link PendingPut#complete} with the value written, or
   * {@link PendingPut#cancel} if the write failed. Generated proxies do so for {@code @Put}
   * methods.
   *
   * <p>Begun before the write, the put is ordered with every other write of the key, across
   * instances too: if an invalidate or another put of the key comes between this call and
   * {@code complete}, the value lands nowhere and the key is invalidated everywhere instead (its
   * write may have come before the other's, and the cache must not keep the older of the two). A
   * load that read before the write cannot land after it. {@link #put} alone cannot tell whether
   * a write it caches raced another.
   *
   * @param key the key about to change; null gives a put that does nothing
   * @return the put, to complete with the value written or to cancel
   */
  default PendingPut<K, V> beginPut(K key) {
    return new ImmediatePut<>(this, key);
  }

  /**
   * A put begun before the write that produces its value ({@link #beginPut}). Exactly one of
   * {@link #complete} and {@link #cancel} is to be called; later calls do nothing.
   *
   * @param <K> the key type
   * @param <V> the value type
   */
  interface PendingPut<K, V> {
    /** {@return the key being put; null for a put that does nothing} */
    @Nullable K key();

    /**
     * Caches {@code value}, written by the source of truth, as {@link #put} does, unless another
     * write of the key came since {@link #beginPut}: then invalidates the key everywhere.
     *
     * @param value the new value; null or {@code Optional.empty()} invalidates the key instead,
     *     unless the cache caches nulls
     */
    void complete(@Nullable V value);

    /** The write failed: every tier keeps what it held before {@link #beginPut}. */
    void cancel();
  }

  /**
   * Removes {@code key} from every tier; a load already running for it will not write back.
   *
   * @param key the key to remove; null does nothing
   */
  void invalidate(K key);

  /**
   * Removes every key of {@code keys} from every tier, in one batch per tier (a remote tier such as
   * Redis makes one call and sends one invalidation message for the batch). As with
   * {@link #invalidate}, a load already running for any of them will not write back. {@code null}
   * elements are skipped.
   *
   * @param keys the keys to evict, such as the skus a batch update changed
   */
  void invalidateAll(Iterable<? extends K> keys);

  /** Removes every key of this cache from every tier. */
  void invalidateAll();

  /** {@return a snapshot of this cache's counters, per tier} */
  CacheStats stats();
}
