package io.tiered.redis;

/**
 * Whole bulk-string replies ({@code CLIENT LIST}, {@code INFO}) of a {@link RedisServer}, whose
 * reader is package-private in the redis test-jar, for the starter's tests.
 */
public final class RedisReplies {

  private RedisReplies() {}

  /** {@return the bulk string {@code server} replies to {@code inlineCommand}, or null} */
  public static String bulk(RedisServer server, String inlineCommand) {
    return server.sendBulk(inlineCommand);
  }
}
