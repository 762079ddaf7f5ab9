package io.tiered.redis;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.concurrent.CompletionStage;

/**
 * How a factory reaches Redis: one server (directly or through Sentinel, as its
 * {@code RedisClient} says) or a cluster. The rest of the tier is the same on both.
 *
 * @param <C> the command connection
 */
interface Topology<C extends StatefulConnection<String, byte[]>> {
  /** How every connection reads and writes: keys as UTF-8 strings, values as bytes. */
  RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

  /** Opens the connection commands run on. */
  C connect();

  /** The commands of a connection {@link #connect} opened. */
  RedisClusterAsyncCommands<String, byte[]> commands(C connection);

  /** The bus that relays invalidations over this topology's pub/sub. */
  InvalidationBus bus(String channelPrefix, String instance);

  /** Opens a pub/sub connection. */
  StatefulRedisPubSubConnection<String, byte[]> connectPubSub();

  /** Subscribes {@code connection} to {@code bus}'s channels. */
  CompletionStage<Void> subscribe(StatefulRedisPubSubConnection<String, byte[]> connection,
      InvalidationBus bus);
}
