package io.tiered.redis;

import static com.google.common.truth.Truth.assertThat;
import static io.tiered.redis.Instance.shared;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.KillArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.tiered.runtime.CacheEvent;
import io.tiered.runtime.TieredCache;
import io.tiered.runtime.internal.CacheDefinition;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One instance loses Redis while the others keep it: an invalidation it makes meanwhile must
 * still reach Redis and the other instances' L1s once it is connected again, or they would serve
 * the old value until it expires.
 */
class MissedInvalidationTest {
  @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

  private static final Duration TTL = Duration.ofMinutes(5);
  private static final String KEY_IN_REDIS = "tiered:Svc.name:1";

  private final AtomicReference<String> current = new AtomicReference<>("v1");

  private CacheDefinition.Builder<Integer, String> names() {
    return shared("Svc.name", Integer.class, String.class, TTL, true);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void anInvalidationRedisMissedIsReplayedOnceItAnswersAgain(boolean batch) {
    Instance a = redis.newInstance(redis.newClient("instance-a", Duration.ofSeconds(2)));
    TieredCache<Integer, String> inA = a.cache(names(), key -> current.get());
    TieredCache<Integer, String> inB = redis.newInstance().cache(names(), key -> current.get());
    inA.get(1);
    assertThat(inB.get(1)).isEqualTo("v1"); // now in Redis and in both L1s

    RedisCommands<String, String> inspect = redis.newClient().connect().sync();
    disconnect(inspect, "instance-a");
    AtomicInteger otherKey = new AtomicInteger(100);
    await().atMost(Duration.ofSeconds(5)).until(() -> { // until A noticed: it fails at once then
      inA.get(otherKey.incrementAndGet());
      return !a.shared(CacheEvent.Kind.ERROR).isEmpty();
    });
    current.set("v2"); // the service's data changes, and A invalidates the key
    if (batch) {
      inA.invalidateAll(List.of(1, 2));
    } else {
      inA.invalidate(1);
    }

    CacheEvent missed = a.shared(CacheEvent.Kind.ERROR).getLast();
    assertThat(missed.error()).hasMessageThat()
        .contains("UNLINK " + (batch ? "2 keys" : KEY_IN_REDIS));
    assertThat(inspect.get(KEY_IN_REDIS)).contains("v1"); // Redis kept the old value
    assertThat(inA.get(1)).isEqualTo("v2");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(inB.get(1)).isEqualTo("v2");
      assertThat(String.valueOf(inspect.get(KEY_IN_REDIS))).doesNotContain("v1");
    });
  }

  /** Kills the connections of client {@code name}: both of its factory's. */
  private static void disconnect(RedisCommands<String, String> inspect, String name) {
    for (String client : inspect.clientList().split("\n")) {
      if (client.contains(" name=" + name + " ")) {
        long id = Long.parseLong(client.substring(3, client.indexOf(' ')));
        inspect.clientKill(KillArgs.Builder.id(id));
      }
    }
  }
}
