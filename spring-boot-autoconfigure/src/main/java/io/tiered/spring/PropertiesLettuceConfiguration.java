package io.tiered.spring;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration.LettuceClientConfigurationBuilder;
import org.springframework.util.StringUtils;

/**
 * The Lettuce client configuration Boot builds from {@code spring.data.redis.*} for its own
 * {@code LettuceConnectionFactory}, built here for Tiered's client when the application's Redis
 * connection factory is not Lettuce's (Jedis, or one the application made): SSL (the connection's
 * SSL bundle, or a {@code rediss://} url), command and connect timeouts, client name, cluster
 * topology refresh ({@code spring.data.redis.lettuce.cluster.refresh.*}), the application's
 * {@link ClientResources}, then every {@link LettuceClientOptionsBuilderCustomizer} and
 * {@link LettuceClientConfigurationBuilderCustomizer}, in order.
 *
 * <p>Connection pooling and {@code read-from} are left out: Tiered's tier keeps its own few
 * connections, and reads the masters, whose writes and invalidations it orders.
 */
final class PropertiesLettuceConfiguration {

  private PropertiesLettuceConfiguration() {}

  static LettuceClientConfiguration build(DataRedisProperties boot,
      DataRedisConnectionDetails connection, @Nullable ClientResources resources,
      Stream<LettuceClientOptionsBuilderCustomizer> optionsCustomizers,
      Stream<LettuceClientConfigurationBuilderCustomizer> customizers) {
    LettuceClientConfigurationBuilder lettuce = LettuceClientConfiguration.builder();
    SslBundle ssl = connection.getSslBundle();
    if (ssl != null || usesSsl(boot.getUrl())) {
      lettuce.useSsl();
    }
    if (boot.getTimeout() != null) {
      lettuce.commandTimeout(boot.getTimeout());
    }
    if (StringUtils.hasText(boot.getClientName())) {
      lettuce.clientName(boot.getClientName());
    }
    ClientOptions.Builder options = connection.getCluster() != null
        ? ClusterClientOptions.builder().topologyRefreshOptions(topologyRefresh(boot))
        : ClientOptions.builder();
    applyConnectSettings(options, boot.getConnectTimeout(), ssl);
    options.timeoutOptions(TimeoutOptions.enabled()); // as Boot's: every command times out
    optionsCustomizers.forEach(customizer -> customizer.customize(options));
    lettuce.clientOptions(options.build());
    if (resources != null) {
      lettuce.clientResources(resources);
    }
    customizers.forEach(customizer -> customizer.customize(lettuce));
    return lettuce.build();
  }

  private static boolean usesSsl(@Nullable String url) {
    return url != null && url.startsWith("rediss://");
  }

  private static ClusterTopologyRefreshOptions topologyRefresh(DataRedisProperties boot) {
    DataRedisProperties.Lettuce.Cluster.Refresh refresh = boot.getLettuce().getCluster()
        .getRefresh();
    ClusterTopologyRefreshOptions.Builder options = ClusterTopologyRefreshOptions.builder()
        .dynamicRefreshSources(refresh.isDynamicRefreshSources());
    if (refresh.getPeriod() != null) {
      options.enablePeriodicRefresh(refresh.getPeriod());
    }
    if (refresh.isAdaptive()) {
      options.enableAllAdaptiveRefreshTriggers();
    }
    return options.build();
  }

  private static void applyConnectSettings(ClientOptions.Builder options,
      @Nullable Duration connectTimeout, @Nullable SslBundle ssl) {
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
  }
}
