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

  private final String owner;
  private final AtomicLong tokens;

  /**
   * @param owner this factory's instance id, part of every token
   * @param tokens numbers the tokens; shared by every tier of the factory (see {@link Leases})
   */
  LeaseMarkers(String owner, AtomicLong tokens) {
    this.owner = owner;
    this.tokens = tokens;
  }

  /** Whether {@code stored} is a lease, not a value. */
  static boolean isLease(byte[] stored) {
    return stored.length >= MARK.length
        && Arrays.equals(stored, 0, MARK.length, MARK, 0, MARK.length);
  }

  /** A marker no other lease, of this instance or another, has. */
  byte[] next() {
    byte[] token = (owner + ":" + tokens.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
    byte[] marker = Arrays.copyOf(MARK, MARK.length + token.length);
    System.arraycopy(token, 0, marker, MARK.length, token.length);
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
