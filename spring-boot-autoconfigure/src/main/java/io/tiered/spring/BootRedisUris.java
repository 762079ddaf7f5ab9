package io.tiered.spring;

import io.lettuce.core.RedisURI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Node;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;

/**
 * The Lettuce URIs of Boot's Redis connection: the servers, credentials and database of
 * {@link DataRedisConnectionDetails} (so {@code spring.data.redis.url} and service connections
 * count), each with the SSL, command timeout and client name of a
 * {@link LettuceClientConfiguration}.
 */
final class BootRedisUris {
  private final DataRedisConnectionDetails connection;
  private final LettuceClientConfiguration lettuce;

  BootRedisUris(DataRedisConnectionDetails connection, LettuceClientConfiguration lettuce) {
    this.connection = connection;
    this.lettuce = lettuce;
  }

  /** {@return the URI of one server} */
  RedisURI standalone(DataRedisConnectionDetails.Standalone server) {
    RedisURI.Builder uri = node(server.getHost(), server.getPort())
        .withDatabase(server.getDatabase());
    authenticate(uri, connection.getUsername(), connection.getPassword());
    return uri.build();
  }

  /**
   * {@return the URI of the master that Sentinel names} The data node's credentials
   * ({@code spring.data.redis.username} and {@code password}) and database go on it, the
   * Sentinels' own ({@code spring.data.redis.sentinel.username} and {@code password}) on each
   * Sentinel's URI, which is how Lettuce tells them apart.
   */
  RedisURI sentinel(DataRedisConnectionDetails.Sentinel sentinel) {
    RedisURI.Builder uri = RedisURI.builder()
        .withSentinelMasterId(sentinel.getMaster())
        .withDatabase(sentinel.getDatabase());
    for (Node node : sentinel.getNodes()) {
      RedisURI.Builder sentinelUri = node(node.host(), node.port());
      authenticate(sentinelUri, sentinel.getUsername(), sentinel.getPassword());
      uri.withSentinel(sentinelUri.build());
    }
    applyConnectionSettings(uri);
    authenticate(uri, connection.getUsername(), connection.getPassword());
    return uri.build();
  }

  /** {@return the seed URIs of a cluster, each with the connection's credentials} */
  List<RedisURI> cluster(DataRedisConnectionDetails.Cluster cluster) {
    return cluster.getNodes().stream().map(node -> {
      RedisURI.Builder uri = node(node.host(), node.port());
      authenticate(uri, connection.getUsername(), connection.getPassword());
      return uri.build();
    }).toList();
  }

  private RedisURI.Builder node(String host, int port) {
    RedisURI.Builder uri = RedisURI.Builder.redis(host, port);
    applyConnectionSettings(uri);
    return uri;
  }

  private void applyConnectionSettings(RedisURI.Builder uri) {
    uri.withSsl(lettuce.isUseSsl())
        .withStartTls(lettuce.isStartTls())
        .withVerifyPeer(lettuce.getVerifyMode())
        .withTimeout(lettuce.getCommandTimeout());
    lettuce.getClientName().ifPresent(uri::withClientName);
  }

  private static void authenticate(RedisURI.Builder uri, @Nullable String username,
      @Nullable String password) {
    if (password == null) {
      return;
    }
    if (username != null) {
      uri.withAuthentication(username, password);
    } else {
      uri.withPassword(password.toCharArray());
    }
  }
}
