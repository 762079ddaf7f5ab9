package io.tiered.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A real {@code redis-server} on a free loopback port for one benchmark JVM: no persistence,
 * started by the benchmark's set-up and stopped by its tear-down. Its {@code INFO} counters let a
 * benchmark check what it measured (hits in Redis, one {@code MGET} per bulk read).
 */
final class LocalRedis implements AutoCloseable {
  /** The server this JVM's benchmark runs against, for {@link CpuProfiler}; null between. */
  private static volatile @Nullable LocalRedis current;

  private final int port;
  private final Process process;

  private LocalRedis(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  /** Starts a server and waits until it answers {@code PING}. */
  static LocalRedis start() throws IOException, InterruptedException {
    int port = freePort();
    Process process = new ProcessBuilder(executable().toString(), "--port", String.valueOf(port),
        "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    LocalRedis redis = new LocalRedis(port, process);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!"+PONG".equals(redis.command("PING").stream().findFirst().orElse(null))) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException("redis-server did not answer PING on port " + port);
      }
      Thread.sleep(20);
    }
    current = redis;
    return redis;
  }

  /** The server the running benchmark started, if any. */
  static @Nullable LocalRedis current() {
    return current;
  }

  long pid() {
    return process.pid();
  }

  String uri() {
    return "redis://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  /** One counter of {@code INFO} ({@code keyspace_hits}, or {@code cmdstat_mget}'s calls). */
  long info(String section, String field) {
    for (String line : command("INFO " + section)) {
      if (line.startsWith(field + ":")) {
        String value = line.substring(field.length() + 1);
        if (value.startsWith("calls=")) {
          value = value.substring("calls=".length(), value.indexOf(','));
        }
        return Long.parseLong(value.trim());
      }
    }
    return 0; // a command never called has no line
  }

  /** Sends one inline command; the reply's lines (a bulk string's body included). */
  private List<String> command(String inline) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      socket.setSoTimeout(2_000);
      OutputStream out = socket.getOutputStream();
      out.write((inline + "\r\nQUIT\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      return new BufferedReader(new InputStreamReader(socket.getInputStream(),
          StandardCharsets.UTF_8)).lines().toList();
    } catch (IOException notAnswering) {
      return List.of();
    }
  }

  @Override
  public void close() throws InterruptedException {
    current = null;
    process.destroy();
    process.waitFor();
  }

  private static Path executable() {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.concat(Stream.of(path.split(":")), Stream.of("/usr/bin", "/usr/local/bin"))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, "redis-server"))
        .filter(Files::isExecutable)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("benchmarks/run --redis starts a real"
            + " redis-server, which is not installed: apt-get install -y redis-server"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
