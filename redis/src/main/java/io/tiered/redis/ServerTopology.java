package io.tiered.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.concurrent.CompletionStage;

/** One Redis server, or the master a Sentinel names: plain pub/sub on one channel. */
record ServerTopology(RedisClient client)
    implements Topology<StatefulRedisConnection<String, byte[]>> {

  @Override
  public StatefulRedisConnection<String, byte[]> connect() {
    return client.connect(CODEC);
  }

  @Override
  public RedisClusterAsyncCommands<String, byte[]> commands(
      StatefulRedisConnection<String, byte[]> connection) {
    return connection.async();
  }

  @Override
  public InvalidationBus bus(String channelPrefix, String instance) {
    return new InvalidationBus(channelPrefix, instance);
  }

  @Override
  public StatefulRedisPubSubConnection<String, byte[]> connectPubSub() {
    return client.connectPubSub(CODEC);
  }

  @Override
  public CompletionStage<Void> subscribe(StatefulRedisPubSubConnection<String, byte[]> connection,
      InvalidationBus bus) {
    return connection.async().subscribe(bus.channels());
  }
}
