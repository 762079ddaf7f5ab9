package io.tiered.spring;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;

/**
 * The Lettuce client Tiered creates on Boot's Redis connection, in the mode Boot picks from
 * {@link DataRedisConnectionDetails} (Sentinel, then cluster, then one server): a
 * {@link RedisClient} for one server or for the master a Sentinel names, a
 * {@link RedisClusterClient} for a Redis Cluster (whose tier invalidates over sharded pub/sub).
 *
 * <p>The client gets the {@link LettuceClientConfiguration}'s client resources and client
 * options. Resources given to a client stay their owner's: shutting the client down leaves them
 * running, so Boot's shared {@code ClientResources} bean is shut down by Boot only. A client given
 * none makes its own, and shuts them down with itself.
 */
final class BootRedisClients {

  private BootRedisClients() {}

  /** {@return a new client, which the caller shuts down} */
  static AbstractRedisClient create(DataRedisConnectionDetails connection,
      DataRedisProperties boot, LettuceClientConfiguration lettuce) {
    BootRedisUris uris = new BootRedisUris(connection, lettuce);
    DataRedisConnectionDetails.Sentinel sentinel = connection.getSentinel();
    if (sentinel != null) {
      return server(uris.sentinel(sentinel), lettuce);
    }
    DataRedisConnectionDetails.Cluster cluster = connection.getCluster();
    if (cluster != null) {
      return cluster(uris.cluster(cluster), lettuce, maxRedirects(boot));
    }
    if (connection.getMasterReplica() != null) {
      throw new IllegalStateException("tiered.redis.tier cannot use Boot's"
          + " spring.data.redis.masterreplica.* connection: Tiered's Redis tier connects to one"
          + " server (spring.data.redis.host and port, or url), to the master Sentinel names"
          + " (spring.data.redis.sentinel.master and nodes) or to a Redis Cluster"
          + " (spring.data.redis.cluster.nodes). Set one of these instead of"
          + " spring.data.redis.masterreplica.nodes.");
    }
    DataRedisConnectionDetails.Standalone server = connection.getStandalone();
    if (server == null) {
      throw new IllegalStateException("tiered.redis.tier found no Redis in Boot's connection"
          + " details (" + connection.getClass().getName() + "): they name no server, Sentinel"
          + " or cluster. Set spring.data.redis.host and port (or url), or have the"
          + " DataRedisConnectionDetails bean return one from getStandalone().");
    }
    return server(uris.standalone(server), lettuce);
  }

  private static RedisClient server(RedisURI uri, LettuceClientConfiguration lettuce) {
    RedisClient client = lettuce.getClientResources()
        .map(resources -> RedisClient.create(resources, uri))
        .orElseGet(() -> RedisClient.create(uri));
    lettuce.getClientOptions().ifPresent(client::setOptions);
    return client;
  }

  /**
   * Boot's client options become cluster options (Boot makes cluster options, with topology
   * refresh, only for {@code spring.data.redis.cluster.*}, not for a service connection's
   * cluster), and {@code spring.data.redis.cluster.max-redirects} applies, as Spring Data applies
   * it to its own cluster client.
   */
  private static RedisClusterClient cluster(List<RedisURI> seeds,
      LettuceClientConfiguration lettuce, @Nullable Integer maxRedirects) {
    RedisClusterClient client = lettuce.getClientResources()
        .map(resources -> RedisClusterClient.create(resources, seeds))
        .orElseGet(() -> RedisClusterClient.create(seeds));
    ClusterClientOptions.Builder options = lettuce.getClientOptions()
        .map(ClusterClientOptions::builder)
        .orElseGet(ClusterClientOptions::builder);
    if (maxRedirects != null) {
      options.maxRedirects(maxRedirects);
    }
    client.setOptions(options.build());
    return client;
  }

  private static @Nullable Integer maxRedirects(DataRedisProperties boot) {
    DataRedisProperties.Cluster cluster = boot.getCluster();
    return cluster == null ? null : cluster.getMaxRedirects();
  }
}
