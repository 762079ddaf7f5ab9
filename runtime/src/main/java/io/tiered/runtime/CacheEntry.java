package io.tiered.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A cached value with the instant it was loaded and how long it may live in the tier that holds
 * it. Immutable.
 *
 * <p>The instant is the time the value was produced by the origin, not the time it was copied
 * into a tier: a value promoted from a fallback tier into L1 keeps its age, so refresh and expiry
 * judge the value, not the copy.
 *
 * @param <V> the value type; the value itself is {@code null} only in caches that cache nulls
 */
public final class CacheEntry<V> {
  private final @Nullable V value;
  private final Instant cachedAt;
  private final @Nullable Duration ttl;
  // Precomputed so the hit path compares longs instead of allocating Instants.
  private final long cachedAtMillis;
  private final long expiresAtMillis;
  /** The versions of its tags as its load began, in this runtime; null when it carries none. */
  private final @Nullable TagStamp tags;

  private CacheEntry(@Nullable V value, Instant cachedAt, @Nullable Duration ttl) {
    this(value, cachedAt, ttl, null);
  }

  private CacheEntry(@Nullable V value, Instant cachedAt, @Nullable Duration ttl,
      @Nullable TagStamp tags) {
    this.value = value;
    this.tags = tags;
    this.cachedAt = Objects.requireNonNull(cachedAt, "cachedAt");
    if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
      throw new IllegalArgumentException("ttl must be positive, or null for no expiry; was " + ttl);
    }
    this.ttl = ttl;
    this.cachedAtMillis = cachedAt.toEpochMilli();
    this.expiresAtMillis = ttl == null ? Long.MAX_VALUE : saturatedAdd(cachedAtMillis, ttl);
  }

  /**
   * {@return an entry for {@code value}, produced at {@code cachedAt} and living {@code ttl}}
   *
   * @param value the value; null only in caches that cache nulls
   * @param cachedAt when the origin produced the value
   * @param ttl how long the entry lives after {@code cachedAt}: positive, or null for no expiry.
   *     Expiry is reckoned in whole milliseconds, the ttl truncated to them: a ttl under a
   *     millisecond expires at once
   * @param <V> the value type
   * @throws IllegalArgumentException if {@code ttl} is zero or negative
   */
  public static <V> CacheEntry<V> of(@Nullable V value, Instant cachedAt, @Nullable Duration ttl) {
    return new CacheEntry<>(value, cachedAt, ttl);
  }

  /** {@return the cached value; null only in caches that cache nulls} */
  public @Nullable V value() {
    return value;
  }

  /** {@return when the origin produced the value, however many tiers it was copied through} */
  public Instant cachedAt() {
    return cachedAt;
  }

  /** {@return how long the entry lives after {@link #cachedAt()}; empty when it does not expire} */
  public Optional<Duration> ttl() {
    return Optional.ofNullable(ttl);
  }

  /**
   * {@return when the entry expires: {@link #cachedAt()} plus the ttl, to the millisecond; empty
   * when it does not}
   */
  public Optional<Instant> expiresAt() {
    return ttl == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(expiresAtMillis));
  }

  /**
   * {@return whether the entry has expired at {@code epochMillis}: at or after
   * {@link #expiresAt()}; never for an entry without ttl}
   *
   * @param epochMillis the time to judge at, as {@link java.time.InstantSource#millis()} reads it
   */
  public boolean isExpiredAt(long epochMillis) {
    return epochMillis >= expiresAtMillis;
  }

  /**
   * {@return the milliseconds from {@link #cachedAt()} to {@code epochMillis}} Negative when
   * {@code epochMillis} is earlier.
   *
   * @param epochMillis the time to judge at, as {@link java.time.InstantSource#millis()} reads it
   */
  public long ageMillis(long epochMillis) {
    return epochMillis - cachedAtMillis;
  }

  /**
   * {@return an entry with the same value and {@link #cachedAt()}, so the same age, living
   * {@code newTtl} instead} This entry itself when its ttl is already {@code newTtl}.
   *
   * @param newTtl positive, or null for no expiry
   * @throws IllegalArgumentException if {@code newTtl} is zero or negative
   */
  public CacheEntry<V> withTtl(@Nullable Duration newTtl) {
    return Objects.equals(newTtl, ttl) ? this : new CacheEntry<>(value, cachedAt, newTtl, tags);
  }

  /** This entry carrying {@code stamp}: its tags' versions as the load that wrote it began. */
  CacheEntry<V> withTags(@Nullable TagStamp stamp) {
    return stamp == tags ? this : new CacheEntry<>(value, cachedAt, ttl, stamp);
  }

  /** Its tags' versions as its load began, in this runtime; null when it carries none. */
  @Nullable TagStamp tagStamp() {
    return tags;
  }

  /** Whether none of its tags was invalidated in this runtime since its load began. */
  boolean isTagCurrent() {
    return tags == null || tags.isCurrent();
  }

  /** Whether the entry expires at all: only then does judging it need the time. */
  boolean expires() {
    return expiresAtMillis != Long.MAX_VALUE;
  }

  /** Nanoseconds left to live at {@code epochMillis}: 0 when expired, MAX_VALUE for never. */
  long remainingNanos(long epochMillis) {
    if (expiresAtMillis == Long.MAX_VALUE) {
      return Long.MAX_VALUE;
    }
    return TimeUnit.MILLISECONDS.toNanos(Math.max(0, expiresAtMillis - epochMillis));
  }

  private static long saturatedAdd(long millis, Duration ttl) {
    try {
      return Math.addExact(millis, ttl.toMillis());
    } catch (ArithmeticException overflow) {
      return Long.MAX_VALUE;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CacheEntry<?> other
        && Objects.equals(value, other.value)
        && cachedAt.equals(other.cachedAt)
        && Objects.equals(ttl, other.ttl);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value, cachedAt, ttl);
  }

  @Override
  public String toString() {
    return "CacheEntry{value=" + value + ", cachedAt=" + cachedAt + ", ttl=" + ttl + "}";
  }
}
