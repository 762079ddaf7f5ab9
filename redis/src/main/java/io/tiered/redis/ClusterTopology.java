package io.tiered.redis;

import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * A Redis Cluster. Lettuce routes each command by its key's slot (a multi-key {@code UNLINK} is
 * split by slot, {@code SCAN} walks every master), reconnects to a master that restarts and
 * refreshes the topology as the client's options say; invalidations go over sharded pub/sub
 * ({@link ShardedInvalidationBus}), each channel subscribed on the master that owns its slot.
 */
record ClusterTopology(RedisClusterClient client)
    implements Topology<StatefulRedisClusterConnection<String, byte[]>> {

  @Override
  public StatefulRedisClusterConnection<String, byte[]> connect() {
    StatefulRedisClusterConnection<String, byte[]> connection =
        client.connect(CODEC);
    openToEveryMaster(connection.getPartitions(), connection::getConnection);
    return connection;
  }

  /**
   * Lettuce opens a master's connection on its first command; a client that rejects commands
   * while disconnected (as docs/redis.md advises) would reject that first one. Open them all now.
   */
  private static void openToEveryMaster(Partitions masters, BiConsumer<String, Integer> open) {
    for (RedisClusterNode node : masters) {
      if (node.is(RedisClusterNode.NodeFlag.UPSTREAM)) {
        try {
          open.accept(node.getUri().getHost(), node.getUri().getPort());
        } catch (RuntimeException down) {
          // That master is down now: its keys miss until Lettuce reconnects to it.
        }
      }
    }
  }

  @Override
  public RedisClusterAsyncCommands<String, byte[]> commands(
      StatefulRedisClusterConnection<String, byte[]> connection) {
    return connection.async();
  }

  @Override
  public InvalidationBus bus(String channelPrefix, String instance) {
    return new ShardedInvalidationBus(channelPrefix, instance);
  }

  @Override
  public StatefulRedisPubSubConnection<String, byte[]> connectPubSub() {
    return client.connectPubSub(CODEC);
  }

  @Override
  public CompletionStage<Void> subscribe(StatefulRedisPubSubConnection<String, byte[]> connection,
      InvalidationBus bus) {
    var cluster = (StatefulRedisClusterPubSubConnection<String, byte[]>) connection;
    openToEveryMaster(cluster.getPartitions(), cluster::getConnection);
    var commands = cluster.async();
    // One SSUBSCRIBE per channel: the channels hash to different slots, on different masters.
    CompletableFuture<?>[] subscribed = Arrays.stream(bus.channels())
        .map(channel -> commands.ssubscribe(channel).toCompletableFuture())
        .toArray(CompletableFuture[]::new);
    client.addListener(new ShardResubscriber(client, cluster, bus.channels()));
    return CompletableFuture.allOf(subscribed);
  }
}
