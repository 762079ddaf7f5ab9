package io.tiered.redis;

import static com.google.common.truth.Truth.assertThat;
import static io.tiered.redis.Instance.shared;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.tiered.redis.Fixtures.Price;
import io.tiered.runtime.CacheEvent;
import io.tiered.runtime.TieredCache;
import io.tiered.runtime.internal.CacheDefinition;
import io.tiered.runtime.internal.Types;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tier's storage contract against a real Redis: values, keys, expiry, clearing. */
class SharedTierTest {
  @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

  private static final Duration TTL = Duration.ofMinutes(5);
  private static final Instant AT = Instant.parse("2025-01-02T03:04:05.123456789Z");

  /** Loads through instance A, then reads through a fresh instance B without its origin. */
  private <V> void assertRoundTrip(Type valueType, V value) {
    Instance a = redis.newInstance();
    Instance b = redis.newInstance();
    Function<String, V> origin = key -> value;
    TieredCache<String, V> inA = a.cache(values(valueType), origin);
    TieredCache<String, V> inB = b.cache(values(valueType), origin);

    assertThat(inA.get("k")).isEqualTo(value);
    V fromRedis = inB.get("k");

    assertThat(fromRedis).isEqualTo(value);
    assertThat(b.originCalls.get()).isEqualTo(0);
    assertThat(b.shared(CacheEvent.Kind.HIT)).hasSize(1);
  }

  private static <V> CacheDefinition.Builder<String, V> values(Type valueType) {
    return shared("Svc.value", String.class, valueType, TTL, true);
  }

  private static CacheDefinition.Builder<String, String> strings(String name) {
    return shared(name, String.class, String.class, TTL, true);
  }

  @Test
  void listsOfRecordsRoundTrip() {
    assertRoundTrip(Types.parameterized(List.class, Price.class),
        List.of(new Price("a", new BigDecimal("1.50"), AT), new Price("b", BigDecimal.TEN, AT)));
  }

  @Test
  void nestedGenericMapsRoundTrip() {
    Type setOfLongs = Types.parameterized(Set.class, Long.class);
    assertRoundTrip(Types.parameterized(Map.class, String.class, setOfLongs),
        Map.of("a", Set.of(1L, 2L), "b", Set.of()));
  }

  @Test
  void optionalContentsRoundTrip() {
    assertRoundTrip(Types.parameterized(Optional.class, Price.class),
        Optional.of(new Price("a", BigDecimal.ONE, AT)));
  }

  @Test
  void redisExpiresEntriesAfterTheFallbackTtl() {
    RedisCommands<String, String> inspect = redis.newClient().connect().sync();
    Instance a = redis.newInstance();
    TieredCache<String, String> cache = a.cache(
        shared("Svc.short", String.class, String.class, Duration.ofMillis(300), true), key -> "v");

    cache.get("k");

    long pttl = inspect.pttl("tiered:Svc.short:\"k\"");
    assertThat(pttl).isGreaterThan(0L);
    assertThat(pttl).isAtMost(300L);
    await().atMost(Duration.ofSeconds(3))
        .until(() -> inspect.exists("tiered:Svc.short:\"k\"") == 0);
  }

  @Test
  void equalKeysOfTwoCachesDoNotCollide() {
    Instance a = redis.newInstance();
    Instance b = redis.newInstance();
    a.cache(strings("Svc.name"), key -> "name").get("k");
    a.cache(strings("Svc.city"), key -> "city").get("k");

    assertThat(b.cache(strings("Svc.name"), key -> "?").get("k"))
        .isEqualTo("name");
    assertThat(b.cache(strings("Svc.city"), key -> "?").get("k"))
        .isEqualTo("city");
    assertThat(b.originCalls.get()).isEqualTo(0);
  }

  @Test
  void invalidateAllDeletesEveryKeyOfItsCacheAndNoOther() {
    RedisCommands<String, String> inspect = redis.newClient().connect().sync();
    Instance a = redis.newInstance();
    TieredCache<Integer, String> many =
        a.cache(shared("Svc.many", Integer.class, String.class, TTL, true), String::valueOf);
    TieredCache<Integer, String> other =
        a.cache(shared("Svc.other", Integer.class, String.class, TTL, true), String::valueOf);
    for (int key = 0; key < 1_200; key++) { // more than one SCAN batch
      many.get(key);
    }
    other.get(1);

    many.invalidateAll();

    assertThat(inspect.keys("*")).containsExactly("tiered:Svc.other:1");
  }

  /**
   * A load's fill never publishes (every instance filling a cold key would otherwise message every
   * other: JetCache's broadcast storms); a write does, once, the key only: a put, whose value the
   * other instances then read back from Redis, and an invalidate.
   */
  @Test
  void fillsNeverPublishWritesDo() {
    List<String> messages = new CopyOnWriteArrayList<>();
    StatefulRedisPubSubConnection<String, String> listener = redis.newClient().connectPubSub();
    listener.addListener(new RedisPubSubAdapter<>() {
      @Override
      public void message(String channel, String message) {
        messages.add(message);
      }
    });
    listener.sync().subscribe("tiered:invalidations");
    Instance a = redis.newInstance();
    TieredCache<String, String> cache =
        a.cache(strings("Svc.name"), key -> "v");

    cache.get("k");
    cache.get("other");
    cache.put("k", "w");
    cache.invalidate("k");

    await().atMost(Duration.ofSeconds(2)).until(() -> messages.size() == 2);
    for (String message : messages) {
      assertThat(message).contains("\"cache\":\"Svc.name\"");
      assertThat(message).contains("\"key\":\"\\\"k\\\"\"");
    }
    assertThat(messages).hasSize(2);
  }

  @Test
  void instancesWithDifferentPrefixesShareNothing() {
    Instance tiered = redis.newInstance();
    Instance other = redis.newInstance(builder -> builder.prefix("other"));
    tiered.cache(strings("Svc.name"), key -> "tiered").get("k");
    TieredCache<String, String> inOther = other.cache(strings("Svc.name"), key -> "other");

    assertThat(inOther.get("k")).isEqualTo("other");
    assertThat(redis.newClient().connect().sync().keys("*"))
        .containsExactly("tiered:Svc.name:\"k\"", "other:Svc.name:\"k\"");
  }
}
