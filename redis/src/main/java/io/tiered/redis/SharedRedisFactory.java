package io.tiered.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.tiered.runtime.CacheTier;
import io.tiered.runtime.TierSpec;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** The {@link RedisTierFactory} {@link RedisTiers} builds. */
final class SharedRedisFactory implements RedisTierFactory {
  private static final RedisCodec<String, byte[]> CODEC =
      RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
  private static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);

  private final RedisTiers.Settings settings;
  private final InvalidationBus bus;
  private final Connector<StatefulRedisConnection<String, byte[]>> commandConnection;
  private final Connector<StatefulRedisPubSubConnection<String, byte[]>> pubSubConnection;
  private final TimedCommands commands;

  SharedRedisFactory(RedisClient client, RedisTiers.Settings settings) {
    this.settings = settings;
    this.bus = new InvalidationBus(
        settings.prefix() + ":invalidations", UUID.randomUUID().toString());
    this.commandConnection =
        new Connector<>("command", atStartup -> client.connect(CODEC), RETRY_INTERVAL);
    this.pubSubConnection =
        new Connector<>("pub/sub", atStartup -> subscribe(client, atStartup), RETRY_INTERVAL);
    this.commands = new TimedCommands(commandConnection, settings.commandTimeout());
  }

  private StatefulRedisPubSubConnection<String, byte[]> subscribe(RedisClient client,
      boolean atStartup) {
    StatefulRedisPubSubConnection<String, byte[]> connection = client.connectPubSub(CODEC);
    try {
      if (atStartup) {
        bus.expectInitialSubscription();
      }
      connection.addListener(bus);
      connection.async().subscribe(bus.channel())
          .get(settings.commandTimeout().toNanos(), TimeUnit.NANOSECONDS);
      return connection;
    } catch (InterruptedException closing) {
      Thread.currentThread().interrupt();
      connection.close();
      throw new RedisTierException("Interrupted while subscribing to " + bus.channel(), closing);
    } catch (Exception failure) {
      connection.close();
      throw new RedisTierException("Could not subscribe to " + bus.channel(), failure);
    }
  }

  @Override
  public <K, V> CacheTier<K, V> create(TierSpec<K, V> spec) {
    KeyFormat<K> keys =
        KeyFormat.of(settings.prefix(), spec.cacheName(), spec.keyType(), settings.keyMapper());
    Codec.Typed<V> values = settings.codec().forType(spec.valueType());
    RedisTier<K, V> tier = new RedisTier<>(spec, keys, values, commands, bus);
    bus.register(tier);
    return tier;
  }

  @Override
  public void close() {
    pubSubConnection.close();
    commandConnection.close();
    bus.close();
  }

  @Override
  public String toString() {
    return "RedisTierFactory[prefix=" + settings.prefix() + "]";
  }
}
