package io.tiered.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import io.lettuce.core.resource.ClientResources;
import io.tiered.redis.RedisReplies;
import io.tiered.redis.RedisServer;
import io.tiered.runtime.TieredProxy;
import io.tiered.spring.services.CountingQuotes;
import io.tiered.spring.services.HeldQuotes;
import io.tiered.spring.services.QuoteService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The tier named by {@code tiered.redis.tier} on a real {@code redis-server}, reached through
 * Boot's {@code spring.data.redis.*} settings, with the Lettuce and Jackson versions Boot manages.
 */
class RedisTierTest {
  private static RedisServer server;

  @BeforeAll
  static void startRedis() throws IOException, InterruptedException {
    server = RedisServer.start();
  }

  @AfterAll
  static void stopRedis() throws IOException {
    server.close();
  }

  @BeforeEach
  void emptyRedis() {
    server.send("FLUSHALL");
  }

  @Test
  void anInstanceReadsFromRedisWhatAnotherLoaded() {
    CountingQuotes firstOrigin = new CountingQuotes();
    CountingQuotes secondOrigin = new CountingQuotes();
    instance(server.port(), firstOrigin).run(first -> {
      assertThat(quotes(first).quote("sku-1")).isEqualTo("quote for sku-1");
      assertThat(server.send("KEYS boot-test:*")).isEqualTo("*1");

      instance(server.port(), secondOrigin).run(second -> {
        assertThat(quotes(second).quote("sku-1")).isEqualTo("quote for sku-1");

        assertThat(firstOrigin.calls()).isEqualTo(1);
        assertThat(secondOrigin.calls()).isZero();
        assertThat(((TieredProxy) quotes(second)).stats().cache("QuoteService.quote")
            .tier("shared").hits()).isEqualTo(1);
      });
    });
  }

  @Test
  void startsAndAnswersFromTheOriginWhenRedisIsUnreachable() throws IOException {
    CountingQuotes origin = new CountingQuotes();
    instance(unusedPort(), origin).run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(quotes(context).quote("sku-1")).isEqualTo("quote for sku-1");
      assertThat(origin.calls()).isEqualTo(1);
    });
  }

  @Test
  void leasesAreOnByDefault() throws Exception {
    // The lease is a marker in the value's key: it is there while the holder's origin runs.
    HeldQuotes origin = new HeldQuotes();
    assertThat(keysWhileTheOriginRuns(instance(server.port(), origin, HeldQuotes.class), origin))
        .isEqualTo(":1");
  }

  @Test
  void leaseMaxWaitZeroTurnsLeasesOff() throws Exception {
    HeldQuotes origin = new HeldQuotes();
    assertThat(keysWhileTheOriginRuns(instance(server.port(), origin, HeldQuotes.class)
        .withPropertyValues("tiered.redis.lease-max-wait=0"), origin)).isEqualTo(":0");
  }

  @Test
  void tieredsClientUsesBootsClientResourcesAndLettuceCustomizers() {
    withBootsLettuceCustomizers(instance(server.port(), new CountingQuotes())).run(context -> {
      assertThat(context.getBean(RedisConnectionFactory.class))
          .isInstanceOf(LettuceConnectionFactory.class);
      assertBootsSettingsApply(context);
    });
  }

  @Test
  void withJedisTieredsClientUsesTheApplicationsClientResourcesAndLettuceCustomizers() {
    // Boot makes no ClientResources for Jedis: the application's own bean is the one to share.
    withBootsLettuceCustomizers(instance(server.port(), new CountingQuotes()))
        .withPropertyValues("spring.data.redis.client-type=jedis")
        .withBean(ClientResources.class, ClientResources::create,
            definition -> definition.setDestroyMethodName("shutdown"))
        .run(context -> {
          assertThat(context.getBean(RedisConnectionFactory.class))
              .isInstanceOf(JedisConnectionFactory.class);
          assertBootsSettingsApply(context);
        });
  }

  @Test
  void aMasterReplicaConnectionFailsTheStartNamingWhatToSetInstead() {
    instance(server.port(), new CountingQuotes())
        .withPropertyValues("spring.data.redis.masterreplica.nodes=127.0.0.1:" + server.port())
        .run(context -> assertThat(context).getFailure().rootCause()
            .hasMessageContaining("spring.data.redis.masterreplica.*")
            .hasMessageContaining("spring.data.redis.host and port, or url")
            .hasMessageContaining("spring.data.redis.sentinel.master and nodes")
            .hasMessageContaining("spring.data.redis.cluster.nodes"));
  }

  private static ApplicationContextRunner withBootsLettuceCustomizers(
      ApplicationContextRunner instance) {
    return instance
        .withBean(LettuceClientConfigurationBuilderCustomizer.class,
            () -> lettuce -> lettuce.clientName("checkout-tiered"))
        .withBean(LettuceClientOptionsBuilderCustomizer.class,
            () -> options -> options.disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS));
  }

  /**
   * Tiered's client runs on the context's {@link ClientResources} and has the customizers'
   * options and client name, which Redis reports for its pub/sub connection (only Tiered
   * subscribes, for its invalidations).
   */
  private static void assertBootsSettingsApply(AssertableApplicationContext context) {
    AbstractRedisClient client = context.getBean(RedisBinding.class).client();
    assertThat(client.getResources()).isSameAs(context.getBean(ClientResources.class));
    assertThat(client.getOptions().getDisconnectedBehavior())
        .isEqualTo(DisconnectedBehavior.REJECT_COMMANDS);
    assertThat(quotes(context).quote("sku-1")).isEqualTo("quote for sku-1");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(RedisReplies.bulk(server, "CLIENT LIST TYPE pubsub"))
            .contains("name=checkout-tiered"));
  }

  /** Redis's key count while a call of a cold key is held inside its origin. */
  private static String keysWhileTheOriginRuns(ApplicationContextRunner instance,
      HeldQuotes origin) {
    String[] keys = new String[1];
    instance.run(context -> {
      CompletableFuture<String> call = CompletableFuture.supplyAsync(
          () -> quotes(context).quote("sku-1"), runnable -> Thread.ofVirtual().start(runnable));
      origin.awaitStarted();
      keys[0] = server.send("DBSIZE");
      origin.release();
      assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo("quote for sku-1");
    });
    return keys[0];
  }

  private static ApplicationContextRunner instance(int redisPort, CountingQuotes origin) {
    return instance(redisPort, origin, CountingQuotes.class);
  }

  private static <T extends QuoteService> ApplicationContextRunner instance(int redisPort,
      T origin, Class<T> type) {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(
            DataRedisAutoConfiguration.class, TieredAutoConfiguration.class))
        .withBean("quotes", type, () -> origin)
        .withPropertyValues(
            "spring.data.redis.host=127.0.0.1",
            "spring.data.redis.port=" + redisPort,
            "tiered.redis.tier=shared",
            "tiered.redis.prefix=boot-test",
            "tiered.redis.command-timeout=1s");
  }

  private static QuoteService quotes(AssertableApplicationContext context) {
    return context.getBean(QuoteService.class);
  }

  private static int unusedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
