package io.tiered.redis;

import org.jspecify.annotations.Nullable;

/**
 * A Redis tier operation failed: Redis was disconnected, too slow (longer than the command
 * timeout) or answered with an error. The cache engine reports it as an {@code ERROR} event
 * and carries on without the tier, so callers never see it.
 */
public class RedisTierException extends RuntimeException {

  /**
   * Reports a failed operation.
   *
   * @param message what failed, naming the key or the command
   * @param cause the client's exception, if any
   */
  public RedisTierException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
