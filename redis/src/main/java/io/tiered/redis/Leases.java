package io.tiered.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Cross-instance single flight for the keys of one cache, after the leases of Facebook's memcache
 * (NSDI 2013, 3.2.1). An instance that misses a key takes a lease on it; only the holder calls its
 * origin, and its value lands only while it still holds the lease.
 *
 * <p>The lease lives in the value's own Redis key, as a marker no codec writes: {@code SET key
 * marker NX PX leaseTime GET} reads the value and takes the lease in one command (so a hit costs
 * what a {@code GET} costs, on a cluster too: one key, one slot). An invalidate's {@code UNLINK}
 * removes value and lease at once, so a fill that began before it finds its marker gone and lands
 * nowhere. Other instances poll the key with jittered, growing pauses (no subscription per key),
 * and take the value, or the lease when it is gone, or give up after {@code maxWait} and load
 * themselves. A holder that dies leaves a lease that expires after {@code leaseTime}.
 *
 * <p>A waiter that gives up adopts the lease it waited on: its value lands only while the key
 * still holds that lease, as the holder's would. So it fills for a holder that is slow or dead,
 * and an invalidate that removed the lease meanwhile keeps its older value out, as it keeps the
 * holder's.
 *
 * <p>The lease this instance took or adopted for each key is kept here until its load writes the
 * key ({@link #takeHeld}) or gives up ({@link #abandon}).
 */
final class Leases {
  /** What a lease's value starts with: a zero byte, which JSON (the default codec) never does. */
  private static final byte[] MARK = "\0tiered-lease:".getBytes(StandardCharsets.US_ASCII);
  private static final long FIRST_PAUSE_NANOS = Duration.ofMillis(2).toNanos();
  private static final long LONGEST_PAUSE_NANOS = Duration.ofMillis(20).toNanos();
  /** Past this many held markers, the expired ones (of loads dropped by an invalidate) go. */
  private static final int PURGE_ABOVE = 1_024;
  // Writes the value only while the key still holds this instance's lease: the fill's one atomic
  // compare-and-set. ARGV: marker, value, PX in ms ("0": no expiry).
  private static final String FILL_IF_HELD = "if redis.call('GET', KEYS[1]) ~= ARGV[1] then"
      + " return 0 end"
      + " if ARGV[3] == '0' then redis.call('SET', KEYS[1], ARGV[2])"
      + " else redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end"
      + " return 1";

  private final long maxWaitNanos;
  private final long leaseMillis;
  private final String owner;
  private final AtomicLong tokens = new AtomicLong();
  private final ConcurrentHashMap<String, Held> held = new ConcurrentHashMap<>();

  /**
   * A lease this instance fills under: its marker, when Redis drops it at the latest, and whether
   * this instance took it (or adopted it from a holder it stopped waiting for).
   */
  record Held(byte[] marker, long expiresAtNanos, boolean taken) {}

  /**
   * @param maxWait how long a miss waits for another instance's fill before loading itself
   * @param leaseTime how long a lease outlives a holder that never fills it
   * @param owner this factory's instance id, part of every token
   */
  Leases(Duration maxWait, Duration leaseTime, String owner) {
    this.maxWaitNanos = maxWait.toNanos();
    this.leaseMillis = leaseTime.toMillis();
    this.owner = owner;
  }

  /** Whether {@code stored} is a lease, not a value. */
  static boolean isLease(byte[] stored) {
    return stored.length >= MARK.length
        && Arrays.equals(stored, 0, MARK.length, MARK, 0, MARK.length);
  }

  /**
   * Reads {@code redisKey}, taking its lease when it holds nothing and waiting while another
   * instance holds it. Returns the stored value, or null: this instance holds the lease now (and
   * loads), or it waited {@code maxWait} in vain (and loads anyway, under the lease it adopts).
   */
  byte @Nullable [] readOrLease(TimedCommands redis, String redisKey) {
    long deadline = System.nanoTime() + maxWaitNanos;
    long pause = FIRST_PAUSE_NANOS;
    SetArgs ifAbsent = SetArgs.Builder.nx().px(leaseMillis);
    while (true) {
      byte[] marker = newMarker();
      byte[] stored = redis.run("SET NX GET", redisKey,
          commands -> commands.setGet(redisKey, marker, ifAbsent));
      if (stored == null) {
        hold(redisKey, marker, true);
        return null;
      }
      if (!isLease(stored)) {
        return stored;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0 || !sleep(Math.min(left, jittered(pause)))) {
        hold(redisKey, stored, false);
        return null;
      }
      pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
    }
  }

  /** The lease this instance took or adopted on {@code redisKey}, forgotten here; or null. */
  @Nullable Held takeHeld(String redisKey) {
    return held.remove(redisKey);
  }

  /**
   * Writes {@code encoded} to {@code redisKey} if it still holds {@code marker}, expiring after
   * {@code pxMillis} (0: never); returns whether it did.
   */
  boolean fill(TimedCommands redis, String redisKey, byte[] marker, byte[] encoded, long pxMillis) {
    byte[] px = Long.toString(pxMillis).getBytes(StandardCharsets.US_ASCII);
    Long filled = redis.run("FILL", redisKey, commands -> commands.<Long>eval(FILL_IF_HELD,
        ScriptOutputType.INTEGER, new String[] {redisKey}, marker, encoded, px));
    return filled != null && filled == 1L;
  }

  /**
   * Gives {@code lease} on {@code redisKey} up, if the key still holds it, for others to take. An
   * adopted lease is left alone: its holder may still be loading, and would lose its fill.
   */
  void abandon(TimedCommands redis, String redisKey, Held lease) {
    if (lease.taken()) {
      redis.run("DEL", redisKey, commands -> commands.<Long>eval(RedisTier.DELETE_IF_UNCHANGED,
          ScriptOutputType.INTEGER, new String[] {redisKey}, lease.marker()));
    }
  }

  private void hold(String redisKey, byte[] marker, boolean taken) {
    long now = System.nanoTime();
    if (held.size() > PURGE_ABOVE) {
      held.values().removeIf(lease -> lease.expiresAtNanos() - now < 0);
    }
    held.put(redisKey, new Held(marker, now + leaseMillis * 1_000_000L, taken));
  }

  private byte[] newMarker() {
    byte[] token = (owner + ":" + tokens.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
    byte[] marker = Arrays.copyOf(MARK, MARK.length + token.length);
    System.arraycopy(token, 0, marker, MARK.length, token.length);
    return marker;
  }

  /** Between half and all of {@code pause}: instances that missed together poll apart. */
  private static long jittered(long pause) {
    return pause / 2 + ThreadLocalRandom.current().nextLong(pause / 2 + 1);
  }

  /** Sleeps; false when interrupted (the interrupt is kept for the caller to see). */
  private static boolean sleep(long nanos) {
    try {
      Thread.sleep(Duration.ofNanos(nanos));
      return true;
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
