package io.tiered.runtime;

import io.tiered.runtime.internal.TierNames;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One thing that happened in one tier of one cache, delivered to {@link CacheEventListener}s.
 *
 * @param kind what happened
 * @param cacheName the cache, such as {@code PriceService.price}
 * @param tier where: {@value #L1}, a {@code @Fallback} tier name, or {@value #ORIGIN}
 * @param durationNanos how long the operation took; 0 where nothing was timed
 * @param requestId shared by every event of one call through the proxy (and of the background
 *     refresh it started); distinct across calls; 0 for events no call caused (evictions)
 * @param coalesced whether the call waited for a load another call had already started
 * @param error the failure, for {@link Kind#ERROR}, {@link Kind#LOAD_FAILED},
 *     {@link Kind#REFRESH_MISS} and {@link Kind#STALE_SERVED}; null otherwise
 * @param operation the tier operation that failed, for {@link Kind#ERROR}; null otherwise
 */
public record CacheEvent(
    Kind kind,
    String cacheName,
    String tier,
    long durationNanos,
    long requestId,
    boolean coalesced,
    @Nullable Throwable error,
    @Nullable Operation operation) {

  /** The tier name of the in-process first tier. */
  public static final String L1 = TierNames.L1;

  /** The tier name used for events about the origin (the service behind the cache). */
  public static final String ORIGIN = TierNames.ORIGIN;

  /**
   * Checks the event's shape.
   *
   * @throws IllegalArgumentException if an {@link Kind#ERROR} event has no {@code operation}, or
   *     an event of another kind has one
   */
  public CacheEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(cacheName, "cacheName");
    Objects.requireNonNull(tier, "tier");
    if ((kind == Kind.ERROR) != (operation != null)) {
      throw new IllegalArgumentException("An ERROR event names the tier operation that failed,"
          + " and no other event does; got " + kind + " with operation " + operation);
    }
  }

  /** A tier operation, as an {@link Kind#ERROR} event names the one that failed. */
  public enum Operation {
    /** {@link CacheTier#get}: when it fails, the read counts as a miss. */
    GET,
    /** {@link CacheTier#put}: when it fails, the tier is skipped and the value not stored there. */
    PUT,
    /** {@link CacheTier#invalidate}: when it fails, the key's old value may remain in the tier. */
    INVALIDATE,
    /** {@link CacheTier#clear}: when it fails, old values may remain in the tier. */
    CLEAR,
    /**
     * A write found that the tier cannot read back the cache's values ({@link TierCodecException}):
     * reported once, and the tier is no longer used for that cache.
     */
    CODEC
  }

  /** What happened. */
  public enum Kind {
    /** A fresh entry was found in the tier. */
    HIT,
    /** The tier held no entry for the key. */
    MISS,
    /**
     * A read found the tier's entry past its ttl: for the caller, a miss. L1 drops most expired
     * values itself before any read sees them ({@link #EVICTED_EXPIRED}); it reports this for the
     * entries it times on read (refresh-after, values promoted from a fallback tier).
     */
    EXPIRED,
    /** A value was written to the tier. */
    INSERTED,
    /** The {@link InsertPolicy} refused to write a value to the tier. */
    INSERT_REJECTED,
    /** A background refresh loaded a new value from the tier (a fallback tier, or the origin). */
    REFRESH_HIT,
    /** A background refresh failed; the old value stays until it expires. */
    REFRESH_MISS,
    /** The tier dropped an entry on its own, to respect its size bound. */
    EVICTED,
    /** The tier dropped an entry on its own because its ttl had passed (no read asked for it). */
    EVICTED_EXPIRED,
    /** A key, or all keys, were invalidated through the cache. */
    INVALIDATED,
    /** The origin returned a value. */
    LOADED,
    /** The origin threw; the exception reached the caller and nothing was cached. */
    LOAD_FAILED,
    /** A tier operation failed; the tier counted as a miss (read) or was skipped (write). */
    ERROR,
    /**
     * A call was answered with a stale value ({@code @StaleIfError}): the entry's ttl had passed,
     * and its load failed or passed its soft timeout. {@code tier} is where the stale value was
     * found; {@code error} is the origin's exception, or a
     * {@link java.util.concurrent.TimeoutException} for a soft timeout.
     */
    STALE_SERVED
  }
}
