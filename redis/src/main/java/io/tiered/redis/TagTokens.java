package io.tiered.redis;

import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The tokens of a factory's tags in Redis, and the tags whose invalidation Redis missed. A tag's
 * token lives in {@code <prefix>:%tag:<tag>} (no escaped cache name contains {@code %t}, so no
 * cache's keys, nor its clear's SCAN, reach it), with no expiry: 16 hex digits of a random
 * 64-bit number, new at each invalidation of the tag. No clock is read: a token is only ever
 * compared for equality with the one an entry was stamped with.
 *
 * <p>A read that finds a token missing (never read nor invalidated, or evicted by an
 * {@code allkeys-*} policy) creates it ({@code SET NX GET} of a new random one), so an eviction
 * makes every entry stamped with the evicted token stale, where "absent means 0" would make the
 * entries stamped before the tag's last invalidation current again.
 */
final class TagTokens {
  /** The length of a token: 16 hex digits. */
  static final int LENGTH = 16;
  private static final HexFormat HEX = HexFormat.of();
  private static final SetArgs IF_ABSENT = SetArgs.Builder.nx();

  private final String namespace;
  private final PendingSet pending = new PendingSet();

  TagTokens(String prefix) {
    this.namespace = prefix + ":%tag:";
  }

  /** The Redis key of {@code tag}'s token. */
  String redisKey(String tag) {
    return namespace + tag;
  }

  /** The tags whose invalidation Redis missed: replayed, and meanwhile never read nor written. */
  PendingSet pending() {
    return pending;
  }

  /** A new token: never 0, so that no token is all zero digits. */
  static byte[] fresh() {
    long token;
    do {
      token = ThreadLocalRandom.current().nextLong();
    } while (token == 0);
    return HEX.toHexDigits(token).getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Issues the read of {@code tags}' tokens: one {@code MGET} (on a cluster, split by slot and
   * sent to each at once), then, only for tokens that do not exist (a tag read for the first time,
   * or evicted), one more round trip that creates them ({@code SET NX GET} of a new random one,
   * pipelined). The tokens, by tag, once all came.
   */
  CompletionStage<Map<String, byte[]>> read(RedisClusterAsyncCommands<String, byte[]> commands,
      List<String> tags) {
    if (tags.isEmpty()) {
      return CompletableFuture.completedFuture(Map.of()); // keys of a tagged cache without tags
    }
    String[] redisKeys = tags.stream().map(this::redisKey).toArray(String[]::new);
    return commands.mget(redisKeys).thenCompose(held -> {
      Map<String, byte[]> tokens = new HashMap<>(tags.size() * 2);
      List<String> missing = new ArrayList<>();
      for (int i = 0; i < redisKeys.length; i++) { // MGET answers in the order asked
        if (held.get(i).hasValue()) {
          tokens.put(tags.get(i), held.get(i).getValue());
        } else {
          missing.add(tags.get(i));
        }
      }
      if (missing.isEmpty()) {
        return CompletableFuture.completedFuture(tokens);
      }
      return create(commands, missing).thenApply(created -> {
        tokens.putAll(created);
        return tokens;
      });
    });
  }

  /** Creates the tokens of {@code tags} where they still do not exist; all of them, by tag. */
  private CompletionStage<Map<String, byte[]>> create(
      RedisClusterAsyncCommands<String, byte[]> commands, List<String> tags) {
    byte[][] candidates = new byte[tags.size()][];
    for (int i = 0; i < candidates.length; i++) {
      candidates[i] = fresh();
    }
    return Pipeline.each(tags.size(),
        i -> commands.setGet(redisKey(tags.get(i)), candidates[i], IF_ABSENT))
        .thenApply(held -> {
          Map<String, byte[]> tokens = new HashMap<>(tags.size() * 2);
          for (int i = 0; i < candidates.length; i++) {
            tokens.put(tags.get(i), held.get(i) == null ? candidates[i] : held.get(i));
          }
          return tokens;
        });
  }

  /** Whether {@code token} is one a tier wrote (a stamp is made of such tokens only). */
  static boolean isToken(byte[] token) {
    if (token.length != LENGTH) {
      return false;
    }
    for (byte digit : token) {
      if (Character.digit(digit, 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
