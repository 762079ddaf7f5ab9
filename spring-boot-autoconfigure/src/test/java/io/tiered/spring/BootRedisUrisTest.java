package io.tiered.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslVerifyMode;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Node;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;

class BootRedisUrisTest {
  private static final LettuceClientConfiguration DEFAULTS = LettuceClientConfiguration.builder()
      .build();

  @Test
  void aServerUriCarriesTheConnectionsServerCredentialsAndDatabase() {
    RedisURI uri = new BootRedisUris(connection("app", "secret"), DEFAULTS)
        .standalone(DataRedisConnectionDetails.Standalone.of("redis.example", 6380, 4));

    assertThat(uri.getHost()).isEqualTo("redis.example");
    assertThat(uri.getPort()).isEqualTo(6380);
    assertThat(uri.getDatabase()).isEqualTo(4);
    assertThat(credentials(uri).getUsername()).isEqualTo("app");
    assertThat(credentials(uri).getPassword()).isEqualTo("secret".toCharArray());
    assertThat(uri.isSsl()).isFalse();
  }

  @Test
  void aPasswordWithoutUsernameAuthenticatesAsTheDefaultUser() {
    RedisURI uri = new BootRedisUris(connection(null, "secret"), DEFAULTS)
        .standalone(DataRedisConnectionDetails.Standalone.of("redis.example", 6380));

    assertThat(credentials(uri).getUsername()).isNull();
    assertThat(credentials(uri).getPassword()).isEqualTo("secret".toCharArray());
  }

  @Test
  void everyUriCarriesTheLettuceConfigurationsSslTimeoutAndClientName() {
    LettuceClientConfiguration lettuce = LettuceClientConfiguration.builder()
        .useSsl().verifyPeer(SslVerifyMode.CA).startTls().and()
        .commandTimeout(Duration.ofSeconds(3))
        .clientName("checkout")
        .build();
    BootRedisUris uris = new BootRedisUris(connection(null, null), lettuce);

    RedisURI server = uris.standalone(DataRedisConnectionDetails.Standalone.of("a", 1));
    RedisURI sentinel = uris.sentinel(sentinel(null, null)).getSentinels().getFirst();
    RedisURI seed = uris.cluster(() -> List.of(new Node("b", 2))).getFirst();
    for (RedisURI uri : List.of(server, sentinel, seed)) {
      assertThat(uri.isSsl()).isTrue();
      assertThat(uri.getVerifyMode()).isEqualTo(SslVerifyMode.CA);
      assertThat(uri.isStartTls()).isTrue();
      assertThat(uri.getTimeout()).isEqualTo(Duration.ofSeconds(3));
      assertThat(uri.getClientName()).isEqualTo("checkout");
    }
  }

  @Test
  void aSentinelUriNamesTheMasterWithTheDataCredentialsAndEachSentinelWithItsOwn() {
    RedisURI uri = new BootRedisUris(connection("app", "data-secret"), DEFAULTS)
        .sentinel(sentinel("watcher", "sentinel-secret"));

    assertThat(uri.getSentinelMasterId()).isEqualTo("orders");
    assertThat(uri.getDatabase()).isEqualTo(2);
    assertThat(credentials(uri).getUsername()).isEqualTo("app");
    assertThat(credentials(uri).getPassword()).isEqualTo("data-secret".toCharArray());
    assertThat(uri.getSentinels()).extracting(RedisURI::getHost, RedisURI::getPort)
        .containsExactly(tuple("s1", 26379), tuple("s2", 26380));
    for (RedisURI sentinel : uri.getSentinels()) {
      assertThat(credentials(sentinel).getUsername()).isEqualTo("watcher");
      assertThat(credentials(sentinel).getPassword()).isEqualTo("sentinel-secret".toCharArray());
    }
  }

  @Test
  void clusterSeedsAreTheNodesWithTheConnectionsCredentials() {
    List<RedisURI> seeds = new BootRedisUris(connection("app", "secret"), DEFAULTS)
        .cluster(() -> List.of(new Node("c1", 7000), new Node("c2", 7001)));

    assertThat(seeds).extracting(RedisURI::getHost).containsExactly("c1", "c2");
    assertThat(seeds).extracting(RedisURI::getPort).containsExactly(7000, 7001);
    for (RedisURI seed : seeds) {
      assertThat(credentials(seed).getUsername()).isEqualTo("app");
      assertThat(credentials(seed).getPassword()).isEqualTo("secret".toCharArray());
    }
  }

  private static RedisCredentials credentials(RedisURI uri) {
    return uri.getCredentialsProvider().resolveCredentials().block();
  }

  private static DataRedisConnectionDetails connection(@Nullable String username,
      @Nullable String password) {
    return new DataRedisConnectionDetails() {
      @Override
      public @Nullable String getUsername() {
        return username;
      }

      @Override
      public @Nullable String getPassword() {
        return password;
      }
    };
  }

  private static DataRedisConnectionDetails.Sentinel sentinel(@Nullable String username,
      @Nullable String password) {
    return new DataRedisConnectionDetails.Sentinel() {
      @Override
      public int getDatabase() {
        return 2;
      }

      @Override
      public String getMaster() {
        return "orders";
      }

      @Override
      public List<Node> getNodes() {
        return List.of(new Node("s1", 26379), new Node("s2", 26380));
      }

      @Override
      public @Nullable String getUsername() {
        return username;
      }

      @Override
      public @Nullable String getPassword() {
        return password;
      }
    };
  }
}
