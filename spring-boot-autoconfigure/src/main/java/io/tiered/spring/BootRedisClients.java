package io.tiered.spring;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.util.StringUtils;

/**
 * A Lettuce client on Boot's Redis connection: the server, credentials and SSL bundle of
 * {@link DataRedisConnectionDetails} (so {@code spring.data.redis.url} and service connections
 * count), the timeouts and client name of {@link DataRedisProperties}.
 */
final class BootRedisClients {

  private BootRedisClients() {}

  /** A new client, which the caller shuts down. */
  static RedisClient create(DataRedisConnectionDetails connection, DataRedisProperties boot) {
    RedisClient client = RedisClient.create(uri(connection, boot));
    client.setOptions(clientOptions(connection.getSslBundle(), boot.getConnectTimeout()));
    return client;
  }

  static RedisURI uri(DataRedisConnectionDetails connection, DataRedisProperties boot) {
    if (connection.getSentinel() != null || connection.getCluster() != null
        || connection.getMasterReplica() != null) {
      throw new IllegalStateException("tiered.redis.tier needs one Redis server"
          + " (spring.data.redis.host and port, or url): Tiered's Redis tier does not connect"
          + " through spring.data.redis.sentinel, cluster or masterreplica yet");
    }
    DataRedisConnectionDetails.Standalone server = connection.getStandalone();
    RedisURI.Builder uri = RedisURI.builder()
        .withHost(server.getHost())
        .withPort(server.getPort())
        .withDatabase(server.getDatabase())
        .withSsl(connection.getSslBundle() != null || usesSsl(boot.getUrl()));
    String password = connection.getPassword();
    if (password != null) {
      String username = connection.getUsername();
      if (username != null) {
        uri.withAuthentication(username, password);
      } else {
        uri.withPassword(password.toCharArray());
      }
    }
    if (boot.getTimeout() != null) {
      uri.withTimeout(boot.getTimeout());
    }
    if (StringUtils.hasText(boot.getClientName())) {
      uri.withClientName(boot.getClientName());
    }
    return uri.build();
  }

  private static boolean usesSsl(@Nullable String url) {
    return url != null && url.startsWith("rediss://");
  }

  private static ClientOptions clientOptions(@Nullable SslBundle ssl,
      @Nullable Duration connectTimeout) {
    ClientOptions.Builder options = ClientOptions.builder();
    if (connectTimeout != null) {
      options.socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).build());
    }
    if (ssl != null) {
      SslOptions.Builder sslOptions = SslOptions.builder()
          .keyManager(ssl.getManagers().getKeyManagerFactory())
          .trustManager(ssl.getManagers().getTrustManagerFactory());
      String[] ciphers = ssl.getOptions().getCiphers();
      if (ciphers != null) {
        sslOptions.cipherSuites(ciphers);
      }
      String[] protocols = ssl.getOptions().getEnabledProtocols();
      if (protocols != null) {
        sslOptions.protocols(protocols);
      }
      options.sslOptions(sslOptions.build());
    }
    return options.build();
  }
}
