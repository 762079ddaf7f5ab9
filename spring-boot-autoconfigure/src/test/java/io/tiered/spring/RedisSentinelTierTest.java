package io.tiered.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiered.redis.RedisReplies;
import io.tiered.redis.RedisSentinel;
import io.tiered.redis.RedisServer;
import io.tiered.runtime.TieredProxy;
import io.tiered.spring.services.CountingQuotes;
import io.tiered.spring.services.QuoteService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The tier named by {@code tiered.redis.tier} on the master a real Sentinel names, reached
 * through Boot's {@code spring.data.redis.sentinel.*}. The Sentinel requires a password of its
 * own, and the master has a user besides the default one, so each credential is seen to reach
 * its node.
 */
class RedisSentinelTierTest {
  private static final String SENTINEL_PASSWORD = "sentinel-secret";
  private static RedisSentinel sentinel;

  @BeforeAll
  static void startMasterAndSentinel() throws Exception {
    sentinel = RedisSentinel.start();
    assertThat(master().send("ACL SETUSER checkout on >checkout-secret ~* &* +@all"))
        .isEqualTo("+OK");
    // From now on a client that does not send the Sentinel's password cannot find the master.
    assertThat(sentinel.send("ACL SETUSER default on resetpass >" + SENTINEL_PASSWORD))
        .isEqualTo("+OK");
  }

  @AfterAll
  static void stop() throws Exception {
    sentinel.close();
  }

  @Test
  void instancesShareValuesThroughTheMasterTheSentinelNames() {
    CountingQuotes firstOrigin = new CountingQuotes();
    CountingQuotes secondOrigin = new CountingQuotes();
    instance(firstOrigin).run(first -> {
      assertThat(quotes(first).quote("sku-1")).isEqualTo("quote for sku-1");
      // Written to the master, in the database Boot's settings name.
      assertThat(RedisReplies.bulk(master(), "INFO keyspace")).contains("db3:keys=1");

      instance(secondOrigin).run(second -> {
        assertThat(quotes(second).quote("sku-1")).isEqualTo("quote for sku-1");

        assertThat(secondOrigin.calls()).isZero();
        assertThat(((TieredProxy) quotes(second)).stats().cache("QuoteService.quote")
            .tier("shared").hits()).isEqualTo(1);
        // Tiered's invalidation connection (only Tiered subscribes) logs in as the data user.
        assertThat(RedisReplies.bulk(master(), "CLIENT LIST TYPE pubsub"))
            .contains("user=checkout");
      });
    });
  }

  private static ApplicationContextRunner instance(CountingQuotes origin) {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(
            DataRedisAutoConfiguration.class, TieredAutoConfiguration.class))
        .withBean("quotes", CountingQuotes.class, () -> origin)
        .withPropertyValues(
            "spring.data.redis.sentinel.master=" + RedisSentinel.MASTER_NAME,
            "spring.data.redis.sentinel.nodes=127.0.0.1:" + sentinel.port(),
            "spring.data.redis.sentinel.password=" + SENTINEL_PASSWORD,
            "spring.data.redis.username=checkout",
            "spring.data.redis.password=checkout-secret",
            "spring.data.redis.database=3",
            "tiered.redis.tier=shared",
            "tiered.redis.prefix=boot-sentinel-test",
            "tiered.redis.command-timeout=1s");
  }

  private static RedisServer master() {
    return sentinel.master();
  }

  private static QuoteService quotes(AssertableApplicationContext context) {
    return context.getBean(QuoteService.class);
  }
}
