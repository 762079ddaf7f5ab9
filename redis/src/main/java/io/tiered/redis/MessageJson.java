package io.tiered.redis;

/**
 * Writes and reads the small JSON messages of the invalidation channel ({@link Invalidation}), with
 * a plain mapper of whichever Jackson is present: both write them byte for byte alike.
 */
interface MessageJson {

  /** {@return the JSON of {@code message}} */
  byte[] write(Object message);

  /** {@return the {@code type} that {@code json} holds}; throws when it holds none */
  <T> T read(byte[] json, Class<T> type);
}
