package io.tiered.redis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a tagged cache stores in a key: {@code \0tiered-tags:<stamp>:} then the codec's bytes, the
 * stamp being the tokens its key's tags had when the load or put that wrote it began
 * ({@link KeyTokens}). Untagged caches store the codec's bytes alone, as before tags. It starts
 * with a zero byte, as a lease does ({@link LeaseMarkers}) and JSON never does, and differs from
 * a lease's mark at its ninth byte, so neither is taken for the other; the scripts compare whole
 * values, so a stamped value is to them a value like any other.
 */
final class TagHeader {
  private static final byte[] MARK = "\0tiered-tags:".getBytes(StandardCharsets.US_ASCII);
  /** After the stamp; tokens are hex digits ({@link TagTokens}), never this. */
  private static final byte END = ':';

  private TagHeader() {}

  /** Whether {@code stored} carries a stamp. */
  static boolean isStamped(byte[] stored) {
    return stored.length > MARK.length
        && Arrays.equals(stored, 0, MARK.length, MARK, 0, MARK.length);
  }

  /** {@code payload} stamped with {@code stamp}. */
  static byte[] stamped(byte[] stamp, byte[] payload) {
    byte[] stored = new byte[MARK.length + stamp.length + 1 + payload.length];
    System.arraycopy(MARK, 0, stored, 0, MARK.length);
    System.arraycopy(stamp, 0, stored, MARK.length, stamp.length);
    stored[MARK.length + stamp.length] = END;
    System.arraycopy(payload, 0, stored, MARK.length + stamp.length + 1, payload.length);
    return stored;
  }

  /** Whether {@code stored} is stamped with exactly {@code stamp}. */
  static boolean isCurrent(byte[] stored, byte[] stamp) {
    int end = MARK.length + stamp.length;
    return isStamped(stored) && stored.length > end && stored[end] == END
        && Arrays.equals(stored, MARK.length, end, stamp, 0, stamp.length);
  }

  /** The codec's bytes in {@code stored}; throws when it is stamped but malformed. */
  static byte[] payload(byte[] stored) {
    if (!isStamped(stored)) {
      return stored;
    }
    for (int i = MARK.length; i < stored.length; i++) {
      if (stored[i] == END) {
        return Arrays.copyOfRange(stored, i + 1, stored.length);
      }
    }
    throw new IllegalArgumentException("a tagged entry without the end of its stamp");
  }
}
