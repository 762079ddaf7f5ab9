package io.tiered.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Node;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;

class PropertiesLettuceConfigurationTest {
  private static final DataRedisConnectionDetails SERVER = new DataRedisConnectionDetails() {};
  private static final DataRedisConnectionDetails CLUSTER = new DataRedisConnectionDetails() {
    @Override
    public Cluster getCluster() {
      return () -> List.of(new Node("127.0.0.1", 7000));
    }
  };

  private final DataRedisProperties boot = new DataRedisProperties();

  @Test
  void carriesBootsTimeoutsAndClientName() {
    boot.setTimeout(Duration.ofSeconds(3));
    boot.setConnectTimeout(Duration.ofSeconds(2));
    boot.setClientName("checkout");

    LettuceClientConfiguration lettuce = build(SERVER);

    assertThat(lettuce.getCommandTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(options(lettuce).getSocketOptions().getConnectTimeout())
        .isEqualTo(Duration.ofSeconds(2));
    assertThat(lettuce.getClientName()).contains("checkout");
    assertThat(lettuce.isUseSsl()).isFalse();
  }

  @Test
  void aRedissUrlTurnsSslOn() {
    boot.setUrl("rediss://redis.example:6380/4");

    assertThat(build(SERVER).isUseSsl()).isTrue();
  }

  @Test
  void aClusterGetsBootsTopologyRefresh() {
    boot.getLettuce().getCluster().getRefresh().setAdaptive(true);
    boot.getLettuce().getCluster().getRefresh().setPeriod(Duration.ofSeconds(5));
    boot.getLettuce().getCluster().getRefresh().setDynamicRefreshSources(false);

    ClusterTopologyRefreshOptions refresh =
        ((ClusterClientOptions) options(build(CLUSTER))).getTopologyRefreshOptions();

    assertThat(refresh.getAdaptiveRefreshTriggers()).isNotEmpty();
    assertThat(refresh.getRefreshPeriod()).isEqualTo(Duration.ofSeconds(5));
    assertThat(refresh.useDynamicRefreshSources()).isFalse();
  }

  @Test
  void theResourcesAndCustomizersApplyLast() {
    ClientResources resources = ClientResources.create();
    try {
      LettuceClientOptionsBuilderCustomizer options =
          builder -> builder.disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS);
      LettuceClientConfigurationBuilderCustomizer first = builder -> builder.clientName("first");
      LettuceClientConfigurationBuilderCustomizer second = builder -> builder.clientName("second");
      boot.setClientName("from-properties");

      LettuceClientConfiguration lettuce = PropertiesLettuceConfiguration.build(boot, SERVER,
          resources, Stream.of(options), Stream.of(first, second));

      assertThat(lettuce.getClientResources()).containsSame(resources);
      assertThat(options(lettuce).getDisconnectedBehavior())
          .isEqualTo(DisconnectedBehavior.REJECT_COMMANDS);
      assertThat(lettuce.getClientName()).contains("second");
    } finally {
      resources.shutdown();
    }
  }

  private LettuceClientConfiguration build(DataRedisConnectionDetails connection) {
    return PropertiesLettuceConfiguration.build(boot, connection, null, Stream.empty(),
        Stream.empty());
  }

  private static ClientOptions options(LettuceClientConfiguration lettuce) {
    return lettuce.getClientOptions().orElseThrow();
  }
}
