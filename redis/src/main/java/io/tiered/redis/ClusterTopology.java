package io.tiered.redis;

import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.concurrent.CompletionStage;

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
    return client.connect(SharedRedisFactory.CODEC);
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
    return client.connectPubSub(SharedRedisFactory.CODEC);
  }

  @Override
  public CompletionStage<Void> subscribe(StatefulRedisPubSubConnection<String, byte[]> connection,
      InvalidationBus bus) {
    return ((StatefulRedisClusterPubSubConnection<String, byte[]>) connection).async()
        .ssubscribe(bus.channels());
  }
}
