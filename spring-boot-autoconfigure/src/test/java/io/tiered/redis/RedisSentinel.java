package io.tiered.redis;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real master and a real Sentinel monitoring it ({@code redis-server <config> --sentinel}),
 * started as the redis module's {@code SentinelTest} starts them, for the starter's tests. Lives
 * in {@code io.tiered.redis} to reach {@link RedisServer}'s package-private helpers.
 */
public final class RedisSentinel implements AutoCloseable {
  /** The name the Sentinel monitors the master under. */
  public static final String MASTER_NAME = "tiered-master";

  private final RedisServer master;
  private final int port;
  private final Path config;
  private final Process sentinel;

  private RedisSentinel(RedisServer master, int port, Path config, Process sentinel) {
    this.master = master;
    this.port = port;
    this.config = config;
    this.sentinel = sentinel;
  }

  /** Starts a master and a Sentinel, and waits until the Sentinel names the master. */
  public static RedisSentinel start() throws IOException, InterruptedException {
    RedisServer master = RedisServer.start();
    int port = RedisServer.freePort();
    // Sentinel rewrites its configuration file, so it gets a writable one of its own.
    Path config = Files.createTempFile("sentinel-", ".conf");
    Files.writeString(config, String.join("\n",
        "port " + port,
        "bind 127.0.0.1",
        "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + master.port() + " 1",
        "sentinel down-after-milliseconds " + MASTER_NAME + " 5000",
        ""));
    Process sentinel = new ProcessBuilder(RedisServer.executable("redis-server").toString(),
        config.toString(), "--sentinel").redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    RedisSentinel started = new RedisSentinel(master, port, config, sentinel);
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      String reply = started.send("SENTINEL get-master-addr-by-name " + MASTER_NAME);
      return reply != null && reply.startsWith("*2");
    });
    return started;
  }

  public RedisServer master() {
    return master;
  }

  /** {@return the Sentinel's port} */
  public int port() {
    return port;
  }

  /** Sends one inline command to the Sentinel; its first reply line, or null. */
  public String send(String inlineCommand) {
    return RedisServer.send(port, inlineCommand);
  }

  @Override
  public void close() throws IOException {
    sentinel.destroy();
    try {
      sentinel.waitFor();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      sentinel.destroyForcibly();
    }
    master.close();
    Files.deleteIfExists(config);
  }
}
