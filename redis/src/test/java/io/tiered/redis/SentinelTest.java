package io.tiered.redis;

import static com.google.common.truth.Truth.assertThat;
import static io.tiered.redis.Instance.shared;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.tiered.runtime.TieredCache;
import io.tiered.runtime.internal.CacheDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code redis-sentinel://} URIs work through {@link RedisTiers#builder(RedisClient)} unchanged:
 * a real master and a real Sentinel ({@code redis-server <config> --sentinel}) started here, and
 * two instances that find the master through the Sentinel.
 */
class SentinelTest {
  private static final String MASTER_NAME = "tiered-master";
  private static RedisServer master;
  private static Process sentinel;
  private static Path config;
  private static int sentinelPort;

  @BeforeAll
  static void startMasterAndSentinel() throws Exception {
    master = RedisServer.start();
    sentinelPort = RedisServer.freePort();
    // Sentinel rewrites its configuration file, so it gets a writable one of its own.
    config = Files.createTempFile("sentinel-", ".conf");
    Files.writeString(config, String.join("\n",
        "port " + sentinelPort,
        "bind 127.0.0.1",
        "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + master.port() + " 1",
        "sentinel down-after-milliseconds " + MASTER_NAME + " 5000",
        ""));
    sentinel = new ProcessBuilder(RedisServer.executable("redis-server").toString(),
        config.toString(), "--sentinel").redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      String reply =
          RedisServer.send(sentinelPort, "SENTINEL get-master-addr-by-name " + MASTER_NAME);
      return reply != null && reply.startsWith("*2");
    });
  }

  @AfterAll
  static void stop() throws Exception {
    if (sentinel != null) {
      sentinel.destroy();
      sentinel.waitFor();
    }
    master.close();
    Files.deleteIfExists(config);
  }

  @Test
  void instancesFindTheMasterThroughSentinelAndShareValuesAndInvalidations() {
    AtomicReference<String> current = new AtomicReference<>("v1");
    CacheDefinition.Builder<String, String> quotes =
        shared("Svc.quote", String.class, String.class, Duration.ofMinutes(5), true);
    String uri = "redis-sentinel://127.0.0.1:" + sentinelPort + "#" + MASTER_NAME;
    RedisClient clientA = RedisClient.create(uri);
    RedisClient clientB = RedisClient.create(uri);
    try (Instance a = new Instance(clientA, builder -> builder);
        Instance b = new Instance(clientB, builder -> builder)) {
      TieredCache<String, String> inA = a.cache(quotes, key -> current.get());
      TieredCache<String, String> inB = b.cache(quotes, key -> current.get());

      assertThat(inA.get("k")).isEqualTo("v1");
      assertThat(inB.get("k")).isEqualTo("v1"); // from the master, through Sentinel
      assertThat(b.originCalls.get()).isEqualTo(0);
      assertThat(master.send("DBSIZE")).isEqualTo(":1");

      current.set("v2");
      inA.invalidate("k");
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
          assertThat(inB.get("k")).isEqualTo("v2"));
    } finally {
      clientA.shutdown();
      clientB.shutdown();
    }
  }
}
