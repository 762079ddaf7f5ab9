package io.tiered.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The Lua scripts of the Redis tier, each a compare-and-set on one key (so that on a Redis Cluster
 * it runs on that key's slot), and how to call them. A script that changed the key answers
 * {@link #DONE}.
 */
final class Scripts {
  /** The PX argument that means "no expiry" to {@link #FILL_IF_HELD}. */
  static final long NO_EXPIRY = 0;
  /** What a script answers when it changed the key. */
  private static final long DONE = 1L;

  // Deletes a corrupt entry only if it is still the one read: another instance may have
  // replaced it with a good value meanwhile.
  private static final String DELETE_IF_UNCHANGED =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";
  // Takes the lease over a stale value, only if the key still holds that value.
  // ARGV: the stale value, the lease, PX in ms.
  private static final String LEASE_IF_UNCHANGED = "if redis.call('GET', KEYS[1]) ~= ARGV[1] then"
      + " return 0 end"
      + " redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])"
      + " return 1";
  // Writes the value only while the key still holds this instance's lease: the fill's one atomic
  // compare-and-set. ARGV: marker, value, PX in ms ("0": no expiry).
  private static final String FILL_IF_HELD = "if redis.call('GET', KEYS[1]) ~= ARGV[1] then"
      + " return 0 end"
      + " if ARGV[3] == '0' then redis.call('SET', KEYS[1], ARGV[2])"
      + " else redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end"
      + " return 1";
  // Takes the lease whatever the key holds, for a put about to change the source of truth; returns
  // what the key held and its PTTL (-1: no expiry), to put back should the put be cancelled.
  // ARGV: the lease, PX in ms.
  private static final String LEASE_OVER_ANY = "local held = redis.call('GET', KEYS[1])"
      + " local ttl = redis.call('PTTL', KEYS[1])"
      + " redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])"
      + " if not held then return {} end"
      + " return {held, ttl}";

  private Scripts() {}

  /** Whether a script's {@code reply} says it changed the key. */
  static boolean done(@Nullable Long reply) {
    return reply != null && reply == DONE;
  }

  /** Deletes {@code redisKey} if it still holds {@code expected}. */
  static CompletableFuture<Long> deleteIfUnchanged(
      RedisClusterAsyncCommands<String, byte[]> commands, String redisKey, byte[] expected) {
    return commands.<Long>eval(DELETE_IF_UNCHANGED, ScriptOutputType.INTEGER,
        new String[] {redisKey}, expected).toCompletableFuture();
  }

  /**
   * Sets {@code redisKey} to {@code lease} for {@code pxMillis} if it still holds {@code stale}.
   */
  static CompletableFuture<Long> leaseIfUnchanged(
      RedisClusterAsyncCommands<String, byte[]> commands, String redisKey, byte[] stale,
      byte[] lease, long pxMillis) {
    return commands.<Long>eval(LEASE_IF_UNCHANGED, ScriptOutputType.INTEGER,
        new String[] {redisKey}, stale, lease, px(pxMillis)).toCompletableFuture();
  }

  /**
   * Sets {@code redisKey} to {@code value}, expiring after {@code pxMillis} ({@link #NO_EXPIRY}:
   * never), if it still holds {@code marker}.
   */
  static CompletableFuture<Long> fillIfHeld(RedisClusterAsyncCommands<String, byte[]> commands,
      String redisKey, byte[] marker, byte[] value, long pxMillis) {
    return commands.<Long>eval(FILL_IF_HELD, ScriptOutputType.INTEGER, new String[] {redisKey},
        marker, value, px(pxMillis)).toCompletableFuture();
  }

  /**
   * Sets {@code redisKey} to {@code lease} for {@code pxMillis} whatever it holds; answers what it
   * held and that value's PTTL, or nothing when it held nothing.
   */
  static CompletableFuture<List<Object>> leaseOverAny(
      RedisClusterAsyncCommands<String, byte[]> commands, String redisKey, byte[] lease,
      long pxMillis) {
    return commands.<List<Object>>eval(LEASE_OVER_ANY, ScriptOutputType.MULTI,
        new String[] {redisKey}, lease, px(pxMillis)).toCompletableFuture();
  }

  private static byte[] px(long millis) {
    return Long.toString(millis).getBytes(StandardCharsets.US_ASCII);
  }
}
