package io.tiered.redis;

import static com.google.common.truth.Truth.assertThat;
import static io.tiered.redis.Instance.shared;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import io.tiered.runtime.CacheEvent;
import io.tiered.runtime.TieredCache;
import io.tiered.runtime.internal.CacheDefinition;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis tier on a real 3-master Redis Cluster: two instances, each with its own L1 and
 * cluster client.
 */
class ClusterTest {
  @RegisterExtension static final RedisClusterExtension cluster = new RedisClusterExtension();

  private static final Duration TTL = Duration.ofMinutes(5);
  private static final Duration PROPAGATION = Duration.ofSeconds(10);
  private static final List<String> KEYS =
      IntStream.range(0, 60).mapToObj(i -> "key-" + i).toList();
  private static final long CLASS_START = System.nanoTime();

  private final AtomicReference<String> current = new AtomicReference<>("v1");
  private Instance a;
  private Instance b;
  private TieredCache<String, String> inA;
  private TieredCache<String, String> inB;

  private static CacheDefinition.Builder<String, String> quotes() {
    return shared("Svc.quote", String.class, String.class, TTL, true);
  }

  @BeforeEach
  void twoInstances() {
    a = cluster.newInstance();
    b = cluster.newInstance();
    inA = a.cache(quotes(), key -> current.get() + ":" + key);
    inB = b.cache(quotes(), key -> current.get() + ":" + key);
  }

  @AfterAll
  static void reportTime() {
    System.out.println("[redis-cluster] ClusterTest took "
        + Duration.ofNanos(System.nanoTime() - CLASS_START).toMillis() + " ms in all");
  }

  private static String redisKey(String key) {
    return "tiered:Svc.quote:\"" + key + "\"";
  }

  /** The port of the master that owns {@code key}'s slot. */
  private static int masterOf(RedisClusterClient client, String key) {
    int slot = io.lettuce.core.cluster.SlotHash.getSlot(redisKey(key));
    return client.getPartitions().getPartitionBySlot(slot).getUri().getPort();
  }

  /** How often {@code instance} read the cluster (hits and misses). */
  /**
   * How often the instance looked past its L1 into the cluster: a hit, a miss, or an error (a read
   * sent while its connection to a restarted master is still coming back).
   */
  private static int redisReads(Instance instance) {
    return instance.shared(CacheEvent.Kind.HIT).size() + instance.shared(CacheEvent.Kind.MISS).size()
        + instance.shared(CacheEvent.Kind.ERROR).size();
  }

  private static long keysOn(RedisServer master) {
    return Long.parseLong(master.send("DBSIZE").substring(1));
  }

  /** Loads every key through A, then reads them through B: from the cluster, into B's L1. */
  private void cachedInBothInstances() {
    KEYS.forEach(inA::get);
    KEYS.forEach(key -> assertThat(inB.get(key)).isEqualTo("v1:" + key));
    assertThat(b.shared(CacheEvent.Kind.ERROR)).isEmpty();
    assertThat(b.originCalls.get()).isEqualTo(0);
  }

  @Test
  void keysSpreadOverEveryMasterAndAreSharedBetweenInstances() {
    cachedInBothInstances();

    assertThat(a.originCalls.get()).isEqualTo(KEYS.size());
    long total = 0;
    for (RedisServer master : cluster.masters()) {
      assertThat(keysOn(master)).isGreaterThan(0L);
      total += keysOn(master);
    }
    assertThat(total).isEqualTo(KEYS.size());
  }

  @Test
  void invalidationsReachTheOtherInstanceOverShardedChannelsOnSeveralMasters() {
    cachedInBothInstances();

    current.set("v2");
    KEYS.forEach(inA::invalidate);

    await().atMost(PROPAGATION).untilAsserted(() ->
        KEYS.forEach(key -> assertThat(inB.get(key)).isEqualTo("v2:" + key)));
    // Every instance listens on every channel, and the channels live on more than one master.
    Set<Integer> mastersWithChannels = new HashSet<>();
    for (RedisServer master : cluster.masters()) {
      if (!"*0".equals(master.send("PUBSUB SHARDCHANNELS"))) { // the array's length: "*n"
        mastersWithChannels.add(master.port());
      }
    }
    assertThat(mastersWithChannels.size()).isAtLeast(2);
  }

  @Test
  void clearEmptiesEveryMasterAndTheOtherInstancesL1() {
    cachedInBothInstances();

    current.set("v2");
    inA.invalidateAll();

    cluster.masters().forEach(master -> assertThat(keysOn(master)).isEqualTo(0L));
    await().atMost(PROPAGATION).untilAsserted(() ->
        KEYS.forEach(key -> assertThat(inB.get(key)).isEqualTo("v2:" + key)));
  }

  @Test
  void leasesMakeOneOriginCallForAColdKeyMissedByThreeInstancesAtOnce() throws Exception {
    for (String key : List.of("cold-1", "cold-2", "cold-3")) { // most likely on several masters
      MissStorm storm = MissStorm.run(cluster::newInstance, key);

      assertThat(storm.originCalls()).isEqualTo(1);
      assertThat(storm.values().stream().distinct().toList()).containsExactly("v");
    }
  }

  @Test
  void aMasterKilledAndRestartedMissesNoInvalidation() throws Exception {
    cachedInBothInstances();
    RedisClusterClient probe = cluster.newClient();
    String victimKey = KEYS.get(0);
    int victimPort = masterOf(probe, victimKey);
    String survivorKey = KEYS.stream().filter(key -> masterOf(probe, key) != victimPort)
        .findFirst().orElseThrow();
    RedisServer victim = cluster.masters().stream().filter(m -> m.port() == victimPort)
        .findFirst().orElseThrow();

    victim.kill();
    current.set("v2");
    inA.invalidate(victimKey); // its master is down: remembered, replayed once it is back
    inA.invalidate(survivorKey); // its master is up: B hears of it at once
    await().atMost(PROPAGATION).untilAsserted(() ->
        assertThat(inB.get(survivorKey)).isEqualTo("v2:" + survivorKey));
    assertThat(inB.get(victimKey)).isEqualTo("v1:" + victimKey); // B missed this one, for now

    String untouchedKey = KEYS.stream().filter(key -> masterOf(probe, key) == victimPort)
        .skip(1).findFirst().orElseThrow();
    int redisReadsBefore = redisReads(b);
    victim.restart();
    cluster.awaitClusterOk();

    // Every channel has subscribers again, those of the restarted master too.
    await().atMost(PROPAGATION).untilAsserted(() -> assertThat(cluster.masters().stream()
        .mapToInt(master -> Integer.parseInt(master.send("PUBSUB SHARDCHANNELS").substring(1)))
        .sum()).isEqualTo(ShardedInvalidationBus.CHANNELS));
    // B resubscribed to the restarted master's channels, and dropped its whole L1 for it may have
    // missed messages: even a key nobody invalidated is read from Redis again.
    await().atMost(PROPAGATION).untilAsserted(() -> {
      inB.get(untouchedKey);
      assertThat(redisReads(b)).isGreaterThan(redisReadsBefore);
    });

    // B resubscribes to the restarted master's channels and drops its L1; A replays its
    // invalidation; both now load the new value, and the restarted master takes writes again.
    await().atMost(PROPAGATION).untilAsserted(() -> {
      assertThat(inB.get(victimKey)).isEqualTo("v2:" + victimKey);
      assertThat(inA.get(victimKey)).isEqualTo("v2:" + victimKey);
    });
    // The restarted master takes writes again (A's replayed invalidation may delete an early
    // one: a miss, never a stale value; so write, then look).
    RedisAdvancedClusterCommands<String, String> raw = probe.connect().sync();
    await().atMost(PROPAGATION).ignoreExceptions().untilAsserted(() -> {
      inB.put(victimKey, "v3");
      assertThat(raw.get(redisKey(victimKey))).contains("v3");
    });
  }
}
