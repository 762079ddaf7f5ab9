package io.tiered.redis;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Subscribes the bus's sharded channels again on a master that came back. Lettuce reconnects to a
 * restarted master but does not renew the {@code SSUBSCRIBE}s it held (7.7: the master then has no
 * subscriber, and every invalidation published there would be lost for good). Renewing them also
 * confirms the subscription, on which the bus drops every L1 in front of its tiers: messages may
 * have been missed meanwhile. Removes itself once the pub/sub connection is closed.
 */
final class ShardResubscriber implements RedisConnectionStateListener {
  private final RedisClusterClient client;
  private final StatefulRedisClusterPubSubConnection<String, byte[]> pubSub;
  private final String[] channels;

  ShardResubscriber(RedisClusterClient client,
      StatefulRedisClusterPubSubConnection<String, byte[]> pubSub, String[] channels) {
    this.client = client;
    this.pubSub = pubSub;
    this.channels = channels;
  }

  @Override
  public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
    if (!pubSub.isOpen()) {
      client.removeListener(this);
      return;
    }
    if (connection == pubSub || !(connection instanceof StatefulRedisPubSubConnection<?, ?>)) {
      return; // not a master's pub/sub connection: commands, or the cluster connection itself
    }
    // Off Lettuce's event loop, which must not wait for its own replies.
    Thread.ofVirtual().name("tiered-redis-resubscribe").start(() -> {
      for (String channel : channels) {
        if (isOn(channel, address)) {
          pubSub.async().ssubscribe(channel);
        }
      }
    });
  }

  /** Whether {@code channel}'s slot is served at {@code address} (when unknown: assume so). */
  private boolean isOn(String channel, SocketAddress address) {
    RedisClusterNode owner = pubSub.getPartitions().getPartitionBySlot(SlotHash.getSlot(channel));
    if (owner == null || !(address instanceof InetSocketAddress socket)) {
      return true;
    }
    RedisURI uri = owner.getUri();
    return uri.getPort() == socket.getPort();
  }
}
