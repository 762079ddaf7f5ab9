package io.tiered.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.resource.ClientResources;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Node;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;

/** The clients are created and inspected, never connected. */
class BootRedisClientsTest {
  private final ClientResources resources = ClientResources.create();
  private final LettuceClientConfiguration lettuce = LettuceClientConfiguration.builder()
      .clientResources(resources)
      .clientOptions(ClientOptions.builder()
          .disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS).build())
      .build();
  private final DataRedisProperties boot = new DataRedisProperties();
  private final List<AbstractRedisClient> clients = new ArrayList<>();

  @AfterEach
  void shutDown() {
    clients.forEach(AbstractRedisClient::shutdown);
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }

  @Test
  void aServerGetsARedisClientOnTheConfigurationsResourcesAndOptions() {
    AbstractRedisClient client = create(server());

    assertThat(client).isInstanceOf(RedisClient.class);
    assertThat(client.getResources()).isSameAs(resources);
    assertThat(client.getOptions().getDisconnectedBehavior())
        .isEqualTo(DisconnectedBehavior.REJECT_COMMANDS);
  }

  @Test
  void aClusterGetsAClusterClientWhoseOptionsAddMaxRedirectsToTheConfigurations() {
    boot.setCluster(new DataRedisProperties.Cluster());
    boot.getCluster().setMaxRedirects(2);

    AbstractRedisClient client = create(new DataRedisConnectionDetails() {
      @Override
      public Cluster getCluster() {
        return () -> List.of(new Node("127.0.0.1", 7000));
      }
    });

    assertThat(client).isInstanceOf(RedisClusterClient.class);
    assertThat(client.getResources()).isSameAs(resources);
    ClusterClientOptions options = (ClusterClientOptions) client.getOptions();
    assertThat(options.getMaxRedirects()).isEqualTo(2);
    assertThat(options.getDisconnectedBehavior()).isEqualTo(DisconnectedBehavior.REJECT_COMMANDS);
  }

  @Test
  void shuttingTheClientDownLeavesTheResourcesItWasGivenRunning() {
    create(server()).shutdown();

    assertThat(resources.eventExecutorGroup().isShuttingDown()).isFalse();
  }

  @Test
  void aMasterReplicaSetIsRefusedWithWhatToSetInstead() {
    DataRedisConnectionDetails masterReplica = new DataRedisConnectionDetails() {
      @Override
      public MasterReplica getMasterReplica() {
        return () -> List.of(new Node("127.0.0.1", 6379));
      }
    };

    assertThatIllegalStateException().isThrownBy(() -> create(masterReplica))
        .withMessageContaining("spring.data.redis.masterreplica.*")
        .withMessageContaining("spring.data.redis.host and port, or url")
        .withMessageContaining("spring.data.redis.sentinel.master and nodes")
        .withMessageContaining("spring.data.redis.cluster.nodes");
  }

  @Test
  void detailsThatNameNoRedisAreRefusedWithWhatToSet() {
    assertThatIllegalStateException()
        .isThrownBy(() -> create(new DataRedisConnectionDetails() {}))
        .withMessageContaining("spring.data.redis.host and port (or url)");
  }

  private static DataRedisConnectionDetails server() {
    return new DataRedisConnectionDetails() {
      @Override
      public Standalone getStandalone() {
        return Standalone.of("127.0.0.1", 6379);
      }
    };
  }

  private AbstractRedisClient create(DataRedisConnectionDetails connection) {
    AbstractRedisClient client = BootRedisClients.create(connection, boot, lettuce);
    clients.add(client);
    return client;
  }
}
