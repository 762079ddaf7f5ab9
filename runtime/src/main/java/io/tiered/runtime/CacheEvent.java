package io.tiered.runtime;

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
 * @param error the failure, for {@link Kind#ERROR}, {@link Kind#LOAD_FAILED} and
 *     {@link Kind#REFRESH_MISS}; null otherwise
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
  public static final String L1 = "l1";

  /** The tier name used for events about the origin (the service behind the cache). */
  public static final String ORIGIN = "origin";

  public CacheEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(cacheName, "cacheName");
    Objects.requireNonNull(tier, "tier");
    if ((kind == Kind.ERROR) != (operation != null)) {
      throw new IllegalArgumentException("An ERROR event names the tier operation that failed,"
          + " and no other event does; got " + kind + " with operation " + operation);
    }
  }

  /**
   * A tier operation, named by an {@link Kind#ERROR} event: a failed {@code GET} was counted as a
   * miss, a failed {@code PUT} skipped the tier, a failed {@code INVALIDATE} or {@code CLEAR} may
   * have left the old value in it.
   */
  public enum Operation {
    GET, PUT, INVALIDATE, CLEAR
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
    ERROR
  }
}
