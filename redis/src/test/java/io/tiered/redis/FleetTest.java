package io.tiered.redis;

import io.lettuce.core.api.sync.RedisCommands;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fleet model on one redis-server: three instances with leases on, their Redis paused,
 * killed and restarted, their pub/sub connections killed, their database failing and slow.
 */
class FleetTest {
  @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

  private static final long QUIET = Long.getLong("fleet.quietOperations", 200_000);
  private static final long FAULTY = Long.getLong("fleet.faultyOperations", 800_000);

  @Test
  void threeInstancesStayConsistentUnderFaults() throws Exception {
    try (FleetRuntimes fleet = FleetRuntimes.open(3, () -> RedisTiers.factory(redis.newClient()))) {
      RedisCommands<String, String> inspect = redis.newClient().connect().sync();
      RedisServer server = redis.server();

      new FleetModel(fleet.runtimes(), 16, 32).run(QUIET, FAULTY, new FleetModel.Faults() {
        private int next;

        @Override
        public String inject(Random random) throws Exception {
          switch (next++ % 3) {
            case 0 -> {
              server.pause();
              Thread.sleep(200 + random.nextInt(600));
              server.resume();
              return "Redis paused";
            }
            case 1 -> {
              server.kill();
              Thread.sleep(100 + random.nextInt(400));
              server.restart();
              return "Redis killed and restarted";
            }
            default -> {
              server.send("CLIENT KILL TYPE pubsub");
              return "pub/sub connections killed";
            }
          }
        }

        @Override
        public void heal() throws Exception {
          server.resume();
          if (!server.isRunning()) {
            server.restart();
          }
        }
      }, sku -> {
        try {
          return FleetModel.version(inspect.get(FleetModel.redisKey(sku)));
        } catch (RuntimeException notAnswering) {
          return -1;
        }
      });
    }
  }
}
