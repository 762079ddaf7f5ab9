package io.tiered.redis;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.tiered.runtime.CacheTier;
import io.tiered.runtime.TierSpec;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The {@link RedisTierFactory} {@link RedisTiers} builds. */
final class SharedRedisFactory implements RedisTierFactory {
  private static final System.Logger LOG = System.getLogger(SharedRedisFactory.class.getName());
  private static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);

  private final FactorySettings settings;
  private final InvalidationBus bus;
  private final String instance = UUID.randomUUID().toString();
  /** Numbers the leases of every tier of this factory: see {@link Leases}. */
  private final AtomicLong leaseTokens = new AtomicLong();
  private final Connector<? extends StatefulConnection<String, byte[]>> commandConnection;
  private final Connector<StatefulRedisPubSubConnection<String, byte[]>> pubSubConnection;
  private final TimedCommands commands;
  private final TagTokens tagTokens;
  private final TagInvalidations tags;
  private final Thread replayer;

  <C extends StatefulConnection<String, byte[]>> SharedRedisFactory(Topology<C> topology,
      FactorySettings settings) {
    this.settings = settings;
    this.bus = topology.bus(settings.prefix() + ":invalidations", instance);
    Connector<C> commandConnection =
        new Connector<>("command", atStartup -> topology.connect(), RETRY_INTERVAL);
    this.commandConnection = commandConnection;
    this.pubSubConnection =
        new Connector<>("pub/sub", atStartup -> subscribe(topology, atStartup), RETRY_INTERVAL);
    this.commands = new TimedCommands(commandConnection, topology::commands,
        settings.commandTimeout(), settings.skipAfterTimeout());
    this.tagTokens = new TagTokens(settings.prefix());
    this.tags = new TagInvalidations(tagTokens, commands, bus);
    this.replayer = Thread.ofVirtual().name("tiered-redis-replay-" + settings.prefix())
        .start(this::replayMissedInvalidations);
  }

  /**
   * Every {@link #RETRY_INTERVAL}, replays the invalidations Redis missed, tags first, until
   * closed.
   */
  private void replayMissedInvalidations() {
    try {
      while (true) {
        Thread.sleep(RETRY_INTERVAL);
        try {
          tags.replayPending();
        } catch (RuntimeException stillMissing) {
          LOG.log(System.Logger.Level.DEBUG, "Redis still misses tag invalidations", stillMissing);
        }
        for (InvalidationBus.Member tier : bus.members()) {
          try {
            tier.replayPending();
          } catch (RuntimeException stillMissing) {
            LOG.log(System.Logger.Level.DEBUG, "Redis still misses invalidations of " + tier,
                stillMissing);
          }
        }
      }
    } catch (InterruptedException closing) {
      // close() interrupts the replayer: stop.
    }
  }

  private StatefulRedisPubSubConnection<String, byte[]> subscribe(Topology<?> topology,
      boolean atStartup) {
    StatefulRedisPubSubConnection<String, byte[]> connection = topology.connectPubSub();
    try {
      if (atStartup) {
        bus.expectInitialSubscription();
      }
      connection.addListener(bus);
      topology.subscribe(connection, bus).toCompletableFuture()
          .get(settings.commandTimeout().toNanos(), TimeUnit.NANOSECONDS);
      return connection;
    } catch (InterruptedException closing) {
      Thread.currentThread().interrupt();
      connection.close();
      throw new RedisTierException("Interrupted while subscribing to " + bus.channel(), closing);
    } catch (Exception failure) {
      connection.close();
      throw new RedisTierException("Could not subscribe to " + bus.channel() + ": " + failure,
          failure);
    }
  }

  @Override
  public <K, V> CacheTier<K, V> create(TierSpec<K, V> spec) {
    KeyFormat<K> keys =
        KeyFormat.of(settings.prefix(), spec.cacheName(), spec.keyType(), settings.keys());
    Codec.Typed<V> values = settings.codec().forType(spec.valueType());
    Leases leases = settings.leaseMaxWait().isZero()
        ? null
        : new Leases(settings.leaseMaxWait(), settings.leaseTime(), instance, leaseTokens);
    RedisTier<K, V> tier = new RedisTier<>(spec, keys, values, commands, bus, leases, tagTokens);
    bus.register(tier.invalidations());
    return tier;
  }

  /**
   * A new token for {@code tag} in Redis, then one message to the other instances, then every tier
   * of this factory is told (its runtimes invalidate the tag); see {@link TagInvalidations}. Never
   * throws for Redis: a tag it misses is replayed, and meanwhile no key carrying it is read or
   * written there.
   */
  @Override
  public void invalidateTag(String tag) {
    tags.invalidate(tag);
  }

  @Override
  public void close() {
    replayer.interrupt();
    pubSubConnection.close();
    commandConnection.close();
    bus.close();
  }

  @Override
  public String toString() {
    return "RedisTierFactory[prefix=" + settings.prefix() + "]";
  }
}
