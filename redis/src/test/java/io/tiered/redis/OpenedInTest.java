package io.tiered.redis;

import io.lettuce.core.AbstractRedisClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Lettuce clients and tier instances one test opened, closed after it: the instances first,
 * then the clients they ran on.
 */
final class OpenedInTest {
  private final List<AbstractRedisClient> clients = new ArrayList<>();
  private final List<Instance> instances = new ArrayList<>();

  <C extends AbstractRedisClient> C client(C client) {
    clients.add(client);
    return client;
  }

  Instance instance(Instance instance) {
    instances.add(instance);
    return instance;
  }

  void closeAll() {
    instances.forEach(Instance::close);
    instances.clear();
    clients.forEach(client -> client.shutdown(Duration.ZERO, Duration.ofSeconds(2)));
    clients.clear();
  }
}
