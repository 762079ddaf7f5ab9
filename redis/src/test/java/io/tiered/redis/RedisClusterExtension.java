package io.tiered.redis;

import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real 3-master Redis Cluster for one test class ({@code redis-server --cluster-enabled yes}
 * three times, joined by {@code redis-cli --cluster create}), started once; each test gets it
 * flushed, with every master running, and cluster clients shut down after it.
 */
final class RedisClusterExtension
    implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
  static final int MASTERS = 3;
  private static final Duration FORMING = Duration.ofSeconds(30);

  private final List<RedisServer> masters = new ArrayList<>();
  private final List<Path> dirs = new ArrayList<>();
  private ClientResources resources;
  private final OpenedInTest opened = new OpenedInTest();
  private long startedInMillis;

  List<RedisServer> masters() {
    return masters;
  }

  /** How long starting and forming the cluster took. */
  long startedInMillis() {
    return startedInMillis;
  }

  /**
   * A cluster client that reconnects every 50 ms, refreshes its topology on every adaptive trigger,
   * and rejects commands to a master it is disconnected from (instead of queueing them until it is
   * back, which would cost a timeout and skip the whole tier), as docs/redis.md advises.
   */
  RedisClusterClient newClient() {
    List<RedisURI> seeds = masters.stream()
        .map(master -> RedisURI.create("127.0.0.1", master.port())).toList();
    RedisClusterClient client = RedisClusterClient.create(resources, seeds);
    client.setOptions(ClusterClientOptions.builder()
        .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
            .enableAllAdaptiveRefreshTriggers()
            .enablePeriodicRefresh(Duration.ofSeconds(1))
            .build())
        .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofMillis(500)).build())
        .disconnectedBehavior(ClusterClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .build());
    return opened.client(client);
  }

  /** A new instance on a cluster client of its own, its factory configured by {@code configure}. */
  Instance newInstance(UnaryOperator<RedisTiers.Builder> configure) {
    Instance instance = new Instance(configure.apply(RedisTiers.builder(newClient())));
    return opened.instance(instance);
  }

  Instance newInstance() {
    return newInstance(UnaryOperator.identity());
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    long start = System.nanoTime();
    RedisServer.executable("redis-cli"); // fails now, clearly, when it is missing
    for (int i = 0; i < MASTERS; i++) {
      Path dir = Files.createTempDirectory("redis-cluster-");
      dirs.add(dir);
      masters.add(RedisServer.start(freeClusterPort(), List.of("--cluster-enabled", "yes",
          "--cluster-config-file", dir.resolve("nodes.conf").toString(), "--dir", dir.toString(),
          "--cluster-node-timeout", "2000", "--cluster-require-full-coverage", "no")));
    }
    List<String> create = new ArrayList<>(List.of(
        RedisServer.executable("redis-cli").toString(), "--cluster", "create"));
    masters.forEach(master -> create.add("127.0.0.1:" + master.port()));
    create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
    Process creating = new ProcessBuilder(create).redirectErrorStream(true).start();
    String output = new String(creating.getInputStream().readAllBytes());
    if (!creating.waitFor(FORMING.toSeconds(), TimeUnit.SECONDS) || creating.exitValue() != 0) {
      throw new IllegalStateException("redis-cli --cluster create failed:\n" + output);
    }
    awaitClusterOk();
    resources = ClientResources.builder()
        .reconnectDelay(Delay.constant(Duration.ofMillis(50)))
        .build();
    startedInMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
    System.out.println("[redis-cluster] 3 masters started and joined in " + startedInMillis
        + " ms");
  }

  /** Waits until every master reports {@code cluster_state:ok} and knows all three masters. */
  void awaitClusterOk() throws InterruptedException {
    long deadline = System.nanoTime() + FORMING.toNanos();
    while (!masters.stream().allMatch(RedisClusterExtension::isOk)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the cluster did not reach cluster_state:ok in " + FORMING);
      }
      Thread.sleep(50);
    }
  }

  private static boolean isOk(RedisServer master) {
    // CLUSTER INFO's first line is cluster_state; an inline reply is a bulk string: skip "$n".
    String info = master.sendBulk("CLUSTER INFO");
    return info != null && info.contains("cluster_state:ok")
        && info.contains("cluster_known_nodes:" + MASTERS);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    for (RedisServer master : masters) {
      master.resume();
      if (!master.isRunning()) {
        master.restart();
      }
    }
    awaitClusterOk();
    masters.forEach(master -> master.send("FLUSHALL"));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    opened.closeAll();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (resources != null) {
      resources.shutdown(0, 2, TimeUnit.SECONDS).get();
    }
    for (RedisServer master : masters) {
      master.close();
    }
    for (Path dir : dirs) {
      try (var files = Files.list(dir)) {
        for (Path file : files.toList()) {
          Files.deleteIfExists(file);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  /** A free loopback port whose cluster bus port (port + 10000) is free too. */
  private static int freeClusterPort() throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = RedisServer.freePort();
      if (port + 10_000 > 65_535) {
        continue;
      }
      try (ServerSocket bus = new ServerSocket(port + 10_000, 1, InetAddress.getLoopbackAddress())) {
        return port;
      } catch (IOException busPortTaken) {
        // try another
      }
    }
    throw new IllegalStateException("found no free loopback port p with p + 10000 free too");
  }
}
