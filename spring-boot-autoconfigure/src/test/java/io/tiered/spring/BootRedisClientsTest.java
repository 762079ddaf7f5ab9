package io.tiered.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;

class BootRedisClientsTest {
  private final DataRedisProperties boot = new DataRedisProperties();

  @Test
  void theUriCarriesBootsServerCredentialsTimeoutAndClientName() {
    boot.setTimeout(Duration.ofSeconds(3));
    boot.setClientName("checkout");

    RedisURI uri = BootRedisClients.uri(server("app", "secret"), boot);

    assertThat(uri.getHost()).isEqualTo("redis.example");
    assertThat(uri.getPort()).isEqualTo(6380);
    assertThat(uri.getDatabase()).isEqualTo(4);
    assertThat(credentials(uri).getUsername()).isEqualTo("app");
    assertThat(credentials(uri).getPassword()).isEqualTo("secret".toCharArray());
    assertThat(uri.getTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(uri.getClientName()).isEqualTo("checkout");
    assertThat(uri.isSsl()).isFalse();
  }

  @Test
  void aPasswordWithoutUsernameAuthenticatesAsTheDefaultUser() {
    RedisURI uri = BootRedisClients.uri(server(null, "secret"), boot);

    assertThat(credentials(uri).getUsername()).isNull();
    assertThat(credentials(uri).getPassword()).isEqualTo("secret".toCharArray());
  }

  @Test
  void aRedissUrlTurnsSslOn() {
    boot.setUrl("rediss://redis.example:6380/4");

    assertThat(BootRedisClients.uri(server(null, null), boot).isSsl()).isTrue();
  }

  @Test
  void aClusterIsRefusedWithWhatToSetInstead() {
    DataRedisConnectionDetails cluster = new DataRedisConnectionDetails() {
      @Override
      public Cluster getCluster() {
        return () -> List.of(new Node("redis.example", 7000));
      }
    };

    assertThatIllegalStateException().isThrownBy(() -> BootRedisClients.uri(cluster, boot))
        .withMessageContaining("spring.data.redis.host and port, or url");
  }

  private static RedisCredentials credentials(RedisURI uri) {
    return uri.getCredentialsProvider().resolveCredentials().block();
  }

  private static DataRedisConnectionDetails server(String username, String password) {
    return new DataRedisConnectionDetails() {
      @Override
      public String getUsername() {
        return username;
      }

      @Override
      public String getPassword() {
        return password;
      }

      @Override
      public Standalone getStandalone() {
        return Standalone.of("redis.example", 6380, 4);
      }
    };
  }
}
