package io.tiered.redis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * What a lease looks like in its key (see {@link Leases}): a marker no codec writes, then a token
 * of this instance's, then, for a lease taken over a stale value, a separator and that value.
 */
final class LeaseMarkers {
  /** What a lease's value starts with: a zero byte, which JSON (the default codec) never does. */
  private static final byte[] MARK = "\0tiered-lease:".getBytes(StandardCharsets.US_ASCII);
  /** Between a lease's token and the stale value it carries; tokens have no zero byte. */
  private static final byte SEPARATOR = 0;

  /** {@link #MARK}, this instance's id and a colon: what every marker of it starts with. */
  private final byte[] prefix;
  private final AtomicLong tokens;

  /**
   * @param owner this factory's instance id, part of every token
   * @param tokens numbers the tokens; shared by every tier of the factory (see {@link Leases})
   */
  LeaseMarkers(String owner, AtomicLong tokens) {
    byte[] id = (owner + ":").getBytes(StandardCharsets.UTF_8);
    this.prefix = Arrays.copyOf(MARK, MARK.length + id.length);
    System.arraycopy(id, 0, prefix, MARK.length, id.length);
    this.tokens = tokens;
  }

  /** Whether {@code stored} is a lease, not a value. */
  static boolean isLease(byte[] stored) {
    return stored.length >= MARK.length
        && Arrays.equals(stored, 0, MARK.length, MARK, 0, MARK.length);
  }

  /** A marker no other lease, of this instance or another, has. */
  byte[] next() {
    long token = tokens.incrementAndGet(); // positive: written in decimal digits after the prefix
    int digits = 1;
    for (long rest = token / 10; rest > 0; rest /= 10) {
      digits++;
    }
    byte[] marker = Arrays.copyOf(prefix, prefix.length + digits); // one array: every read takes one
    for (int i = marker.length - 1; i >= prefix.length; i--, token /= 10) {
      marker[i] = (byte) ('0' + token % 10);
    }
    return marker;
  }

  /** A new lease carrying {@code stale}, for waiters that give up to serve. */
  byte[] nextCarrying(byte[] stale) {
    byte[] token = next();
    byte[] lease = Arrays.copyOf(token, token.length + 1 + stale.length);
    lease[token.length] = SEPARATOR;
    System.arraycopy(stale, 0, lease, token.length + 1, stale.length);
    return lease;
  }

  /** The stale value {@code lease} carries (see {@link #nextCarrying}); null when none. */
  static byte @Nullable [] carried(byte[] lease) {
    for (int i = MARK.length; i < lease.length; i++) {
      if (lease[i] == SEPARATOR) {
        return Arrays.copyOfRange(lease, i + 1, lease.length);
      }
    }
    return null;
  }
}
