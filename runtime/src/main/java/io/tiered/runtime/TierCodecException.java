package io.tiered.runtime;

import org.jspecify.annotations.Nullable;

/**
 * A tier cannot store one cache's values because it cannot read back what it writes for them: its
 * codec fails to decode, or decodes a different value. A tier throws it from a write, once per
 * cache, when it finds this out and stops using itself for that cache.
 *
 * <p>The engine handles it like any other tier failure (the write is skipped), but counts and
 * reports it as {@link CacheEvent.Operation#CODEC} rather than {@link CacheEvent.Operation#PUT}:
 * it is a configuration error to fix (the value type, or the codec), not an outage. Its message
 * names the cache, the value type and the fix.
 */
public final class TierCodecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what cannot be read back, in which cache, and how to fix it
   * @param cause the decoding failure, if decoding threw
   */
  public TierCodecException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
