package io.tiered.redis;

/**
 * An entry stored in Redis could not be decoded (written by an incompatible version of the value
 * type, or not by Tiered at all). The tier deletes the entry before throwing this, so the engine
 * counts a miss, reports an {@code ERROR} event and reloads the value from the origin.
 */
public final class CorruptEntryException extends RedisTierException {

  /**
   * Reports the entry at {@code redisKey}, deleted because it could not be decoded.
   *
   * @param redisKey the Redis key the entry was stored at
   * @param cause what the codec threw
   */
  public CorruptEntryException(String redisKey, Throwable cause) {
    super("Could not decode the entry at Redis key '" + redisKey + "'; it was deleted: "
        + cause.getMessage(), cause);
  }
}
