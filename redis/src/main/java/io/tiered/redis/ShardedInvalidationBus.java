package io.tiered.redis;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.concurrent.CompletionStage;

/**
 * The invalidation bus of a Redis Cluster: sharded pub/sub ({@code SPUBLISH}/{@code SSUBSCRIBE}),
 * whose messages stay on the shard that owns the channel's slot instead of being copied to every
 * node. So that no one shard carries every invalidation, there are {@link #CHANNELS} channels,
 * {@code <prefix>:invalidations:{0}} to {@code {7}}, each hash-tagged to a slot of its own; a
 * message goes to the channel its first key (or its cache, for a clear) hashes to, and every
 * instance listens on all of them.
 *
 * <p>The key and the channel live on different shards, so the {@code SPUBLISH} is sent only once
 * the {@code UNLINK} succeeded: an instance that hears of an invalidation finds the key gone.
 */
final class ShardedInvalidationBus extends InvalidationBus {
  /** Channels per prefix: enough to spread over the masters of a usual cluster. */
  static final int CHANNELS = 8;

  private final String[] channels;

  ShardedInvalidationBus(String channelPrefix, String instance) {
    super(channelPrefix, instance);
    this.channels = new String[CHANNELS];
    for (int i = 0; i < CHANNELS; i++) {
      channels[i] = channelPrefix + ":{" + i + "}";
    }
  }

  @Override
  String[] channels() {
    return channels.clone();
  }

  @Override
  CompletionStage<?> publishAfter(RedisClusterAsyncCommands<String, byte[]> commands,
      CompletionStage<?> unlinked, String routingKey, byte[] message) {
    String channel = channels[Math.floorMod(routingKey.hashCode(), CHANNELS)];
    return unlinked.thenCompose(done -> commands.spublish(channel, message));
  }

  @Override
  public void smessage(String channel, byte[] message) {
    message(channel, message);
  }

  @Override
  public void ssubscribed(String channel, long count) {
    subscribed(channel, count);
  }
}
