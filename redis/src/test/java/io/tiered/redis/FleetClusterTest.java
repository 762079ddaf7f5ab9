package io.tiered.redis;

import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fleet model on a real 3-master Redis Cluster: three instances with leases on, invalidations
 * over sharded pub/sub; a master paused, every master's pub/sub connections killed, the database
 * failing and slow.
 */
class FleetClusterTest {
  @RegisterExtension static final RedisClusterExtension cluster = new RedisClusterExtension();

  private static final long QUIET = Long.getLong("fleet.quietOperations", 100_000);
  private static final long FAULTY = Long.getLong("fleet.faultyOperations", 500_000);

  @Test
  void threeInstancesOnAClusterStayConsistentUnderFaults() throws Exception {
    try (FleetRuntimes fleet =
        FleetRuntimes.open(3, () -> RedisTiers.factory(cluster.newClient()))) {
      RedisAdvancedClusterCommands<String, String> inspect = cluster.newClient().connect().sync();
      List<RedisServer> masters = cluster.masters();

      new FleetModel(fleet.runtimes(), 16, 32).run(QUIET, FAULTY, new FleetModel.Faults() {
        private int next;

        @Override
        public String inject(Random random) throws Exception {
          if (next++ % 2 == 0) {
            RedisServer master = masters.get(random.nextInt(masters.size()));
            master.pause();
            Thread.sleep(200 + random.nextInt(600));
            master.resume();
            return "a master paused";
          }
          masters.forEach(master -> master.send("CLIENT KILL TYPE pubsub"));
          return "pub/sub connections killed";
        }

        @Override
        public void heal() throws Exception {
          for (RedisServer master : masters) {
            master.resume();
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
