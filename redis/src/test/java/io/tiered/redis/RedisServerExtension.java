package io.tiered.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one {@link RedisServer} for a test class, and gives each test an empty, running server
 * and Lettuce clients that are shut down after it.
 *
 * <pre>{@code
 * @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();
 * }</pre>
 */
final class RedisServerExtension
    implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
  private RedisServer server;
  private ClientResources resources;
  private final OpenedInTest opened = new OpenedInTest();
  private final List<ClientResources> ownResources = new ArrayList<>();

  RedisServer server() {
    return server;
  }

  /** A new client for the test's server, reconnecting every 50 ms so outage tests run quickly. */
  RedisClient newClient() {
    RedisClient client = RedisClient.create(resources, server.uri());
    return opened.client(client);
  }

  /**
   * A new client whose connections are named {@code name} (so a test can kill them with CLIENT
   * KILL) and that waits {@code reconnectDelay} before reconnecting.
   */
  RedisClient newClient(String name, Duration reconnectDelay) {
    ClientResources slowReconnects = ClientResources.builder()
        .reconnectDelay(Delay.constant(reconnectDelay))
        .build();
    ownResources.add(slowReconnects);
    RedisURI uri = RedisURI.create(server.uri());
    uri.setClientName(name);
    RedisClient client = RedisClient.create(slowReconnects, uri);
    return opened.client(client);
  }

  /** A new instance on {@code client}, closed after the test. */
  Instance newInstance(RedisClient client) {
    Instance instance = new Instance(client, UnaryOperator.identity());
    return opened.instance(instance);
  }

  /** A new instance on {@code client}, its factory configured by {@code configure}. */
  Instance newInstance(RedisClient client, UnaryOperator<RedisTiers.Builder> configure) {
    return opened.instance(new Instance(client, configure));
  }

  /** A new instance on its own client, closed after the test. */
  Instance newInstance() {
    return newInstance(UnaryOperator.identity());
  }

  /** A new instance on its own client, its factory configured by {@code configure}. */
  Instance newInstance(UnaryOperator<RedisTiers.Builder> configure) {
    Instance instance = new Instance(newClient(), configure);
    return opened.instance(instance);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    server = RedisServer.start();
    resources = ClientResources.builder()
        .reconnectDelay(Delay.constant(Duration.ofMillis(50)))
        .build();
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    server.resume(); // in case a test failed while the server was paused
    if (!server.isRunning()) {
      server.restart();
    }
    server.send("FLUSHALL");
  }

  @Override
  public void afterEach(ExtensionContext context) {
    opened.closeAll();
    ownResources.forEach(own -> own.shutdown(0, 2, java.util.concurrent.TimeUnit.SECONDS));
    ownResources.clear();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    resources.shutdown(0, 2, java.util.concurrent.TimeUnit.SECONDS).get();
    server.close();
  }
}
