package io.tiered.runtime.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link InstantSource} that moves only when told to. Thread-safe.
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock();
 * TieredRuntime runtime = TieredRuntime.builder().clock(clock).build();
 * clock.advance(Duration.ofMinutes(5));
 * }</pre>
 */
public final class ManualClock implements InstantSource {
  private static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  private final AtomicLong nanos;

  /** A clock at 2026-01-01T00:00:00Z. */
  public ManualClock() {
    this(DEFAULT_START);
  }

  /**
   * A clock at {@code start}.
   *
   * @param start between 1677-09-21 and 2262-04-11, as the clock counts nanoseconds since the
   *     epoch in a {@code long}
   * @throws ArithmeticException if {@code start} is outside that range
   */
  public ManualClock(Instant start) {
    this.nanos = new AtomicLong(toNanos(Objects.requireNonNull(start, "start")));
  }

  /**
   * Moves the clock forward by {@code duration}.
   *
   * @param duration zero or positive
   * @return the new instant
   * @throws IllegalArgumentException if {@code duration} is negative
   */
  public Instant advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("A clock only moves forward; was " + duration);
    }
    return fromNanos(nanos.addAndGet(duration.toNanos()));
  }

  /**
   * Moves the clock to {@code instant}.
   *
   * @param instant the clock's instant or a later one
   * @throws IllegalArgumentException if {@code instant} is before the clock's; the clock does not
   *     move
   */
  public void set(Instant instant) {
    long target = toNanos(instant);
    long previous = nanos.getAndUpdate(current -> Math.max(current, target));
    if (target < previous) {
      throw new IllegalArgumentException("A clock only moves forward; it is at "
          + fromNanos(previous) + ", was set to " + instant);
    }
  }

  @Override
  public Instant instant() {
    return fromNanos(nanos.get());
  }

  @Override
  public long millis() {
    return Math.floorDiv(nanos.get(), 1_000_000L);
  }

  private static long toNanos(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L),
        instant.getNano());
  }

  private static Instant fromNanos(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
        Math.floorMod(nanos, 1_000_000_000L));
  }

  @Override
  public String toString() {
    return "ManualClock[" + instant() + "]";
  }
}
