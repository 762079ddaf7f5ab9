package io.tiered.redis;

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
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} on a free loopback port, owned by one test class: started, killed,
 * paused and restarted on the same port to play outages. Public for the tests of other modules
 * (the test-jar).
 */
public final class RedisServer implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofSeconds(10);

  private final Path executable;
  private final Path log;
  private final int port;
  private final List<String> extraArguments;
  private Process process;
  private boolean paused;

  private RedisServer(Path executable, int port, List<String> extraArguments) throws IOException {
    this.executable = executable;
    this.port = port;
    this.extraArguments = extraArguments;
    this.log = Files.createTempFile("redis-server-" + port + "-", ".log");
  }

  /** Starts a server on a free port; fails with how to install it when it is missing. */
  public static RedisServer start() throws IOException, InterruptedException {
    return start(freePort(), List.of());
  }

  /** Starts a server on {@code port} with {@code extraArguments} added to its command line. */
  static RedisServer start(int port, List<String> extraArguments)
      throws IOException, InterruptedException {
    RedisServer server = new RedisServer(executable("redis-server"), port, extraArguments);
    server.restart();
    return server;
  }

  public int port() {
    return port;
  }

  String uri() {
    return "redis://127.0.0.1:" + port;
  }

  boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** (Re)starts the server on its port and waits until it answers PING. */
  void restart() throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of(executable.toString(), "--port",
        String.valueOf(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
        "--daemonize", "no"));
    command.addAll(extraArguments);
    process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (!"+PONG".equals(send("PING"))) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("redis-server did not answer PING on port " + port
            + "; its log:\n" + Files.readString(log));
      }
      Thread.sleep(20);
    }
  }

  /** Kills the server as a crash would (SIGKILL), dropping every connection. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /** Freezes the server (SIGSTOP): connections stay open but nothing answers. */
  void pause() throws IOException, InterruptedException {
    signal("-STOP");
    paused = true;
  }

  /** Thaws a {@link #pause}d server (SIGCONT). */
  void resume() throws IOException, InterruptedException {
    if (paused && isRunning()) {
      signal("-CONT");
    }
    paused = false;
  }

  private void signal(String signal) throws IOException, InterruptedException {
    new ProcessBuilder("kill", signal, String.valueOf(process.pid())).inheritIO().start().waitFor();
  }

  /** Sends one inline command and returns the first reply line, or null when nothing answers. */
  public String send(String inlineCommand) {
    return exchange(inlineCommand, BufferedReader::readLine);
  }

  /**
   * Sends one inline command whose reply is a bulk string, and returns that string, or null when
   * nothing answers.
   */
  String sendBulk(String inlineCommand) {
    return exchange(inlineCommand, reply -> {
      String header = reply.readLine();
      if (header == null || !header.startsWith("$")) {
        return header;
      }
      char[] body = new char[Integer.parseInt(header.substring(1))];
      int read = 0;
      for (int n; read < body.length && (n = reply.read(body, read, body.length - read)) >= 0; ) {
        read += n;
      }
      return new String(body, 0, read);
    });
  }

  /** Reads a reply from {@code reply}. */
  @FunctionalInterface
  private interface ReplyReader {
    String read(BufferedReader reply) throws IOException;
  }

  private String exchange(String inlineCommand, ReplyReader replyReader) {
    return exchange(port, inlineCommand, replyReader);
  }

  /** Sends one inline command to the server on {@code port}; its first reply line, or null. */
  static String send(int port, String inlineCommand) {
    return exchange(port, inlineCommand, BufferedReader::readLine);
  }

  private static String exchange(int port, String inlineCommand, ReplyReader replyReader) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      socket.setSoTimeout(1000);
      OutputStream out = socket.getOutputStream();
      out.write((inlineCommand + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStreamReader in = new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8);
      return replyReader.read(new BufferedReader(in));
    } catch (IOException notAnswering) {
      return null;
    }
  }

  @Override
  public void close() throws IOException {
    if (process != null) {
      try {
        process.destroy();
        process.waitFor();
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    Files.deleteIfExists(log);
  }

  /** The installed {@code name} (redis-server, redis-cli); fails with how to install it. */
  static Path executable(String name) {
    String path = System.getenv().getOrDefault("PATH", "");
    Stream<String> usual = Stream.of("/usr/bin", "/usr/sbin", "/usr/local/bin");
    return Stream.concat(Stream.of(path.split(":")), usual)
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, name))
        .filter(Files::isExecutable)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(name + " is not installed, and these"
            + " tests run against a real redis-server. Install it: apt-get update && apt-get"
            + " install -y redis-server (which brings redis-cli; .ci/run does this when it is"
            + " missing)."));
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
