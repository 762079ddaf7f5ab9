package io.tiered.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.resource.ClientResources;
import io.tiered.redis.PublicRedisCluster;
import io.tiered.redis.RedisServer;
import io.tiered.runtime.TieredCache;
import io.tiered.runtime.TieredProxy;
import io.tiered.spring.services.CountingQuotes;
import io.tiered.spring.services.QuoteService;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The tier named by {@code tiered.redis.tier} on a real 3-master Redis Cluster, reached through
 * Boot's {@code spring.data.redis.cluster.*}: two contexts, two instances of one application.
 */
class RedisClusterTierTest {
  @RegisterExtension static final PublicRedisCluster cluster = new PublicRedisCluster();

  private static final Duration PROPAGATION = Duration.ofSeconds(10);

  @Test
  void instancesShareValuesAndInvalidationsThroughTheCluster() {
    CountingQuotes firstOrigin = new CountingQuotes();
    CountingQuotes secondOrigin = new CountingQuotes();
    instance(firstOrigin).run(first -> instance(secondOrigin).run(second -> {
      assertThat(quotes(first).quote("sku-1")).isEqualTo("quote for sku-1");
      assertThat(keysInTheCluster()).isEqualTo(1);

      assertThat(quotes(second).quote("sku-1")).isEqualTo("quote for sku-1"); // from Redis
      assertThat(secondOrigin.calls()).isZero();

      // The second instance holds sku-1 in its L1 now; only an invalidation drops it there.
      cache(first).invalidate("sku-1");
      await().atMost(PROPAGATION).untilAsserted(() -> {
        quotes(second).quote("sku-1");
        assertThat(secondOrigin.calls()).isEqualTo(1);
      });
      // Over sharded pub/sub: the tier's channels live on the masters as shard channels.
      assertThat(cluster.masters().stream().mapToInt(RedisClusterTierTest::shardChannels).sum())
          .isPositive();
    }));
  }

  @Test
  void bootsClusterSettingsAndClientResourcesApplyToTieredsClient() {
    instance(new CountingQuotes())
        .withPropertyValues(
            "spring.data.redis.cluster.max-redirects=2",
            "spring.data.redis.lettuce.cluster.refresh.adaptive=true",
            "spring.data.redis.lettuce.cluster.refresh.period=5s")
        .run(context -> {
          RedisClusterClient client = (RedisClusterClient) context.getBean(RedisBinding.class)
              .client();
          ClusterClientOptions options = (ClusterClientOptions) client.getOptions();
          assertThat(options.getMaxRedirects()).isEqualTo(2);
          assertThat(options.getTopologyRefreshOptions().getAdaptiveRefreshTriggers())
              .isNotEmpty();
          assertThat(options.getTopologyRefreshOptions().getRefreshPeriod())
              .isEqualTo(Duration.ofSeconds(5));
          assertThat(client.getResources()).isSameAs(context.getBean(ClientResources.class));
        });
  }

  private static ApplicationContextRunner instance(CountingQuotes origin) {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(
            DataRedisAutoConfiguration.class, TieredAutoConfiguration.class))
        .withBean("quotes", CountingQuotes.class, () -> origin)
        .withPropertyValues(
            "spring.data.redis.cluster.nodes=" + cluster.nodes(),
            "tiered.redis.tier=shared",
            "tiered.redis.prefix=boot-cluster-test",
            "tiered.redis.command-timeout=1s");
  }

  private static QuoteService quotes(AssertableApplicationContext context) {
    return context.getBean(QuoteService.class);
  }

  @SuppressWarnings("unchecked") // QuoteService's one cache: quote(String) -> String
  private static TieredCache<String, String> cache(AssertableApplicationContext context) {
    return (TieredCache<String, String>) ((TieredProxy) quotes(context)).caches().getFirst();
  }

  private static long keysInTheCluster() {
    return cluster.masters().stream()
        .mapToLong(master -> Long.parseLong(master.send("DBSIZE").substring(1))).sum();
  }

  /** How many shard channels {@code master} has subscribers on ({@code *n}: an array of n). */
  private static int shardChannels(RedisServer master) {
    return Integer.parseInt(master.send("PUBSUB SHARDCHANNELS").substring(1));
  }
}
