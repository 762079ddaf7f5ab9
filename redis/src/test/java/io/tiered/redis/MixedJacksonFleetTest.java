package io.tiered.redis;

import static com.google.common.truth.Truth.assertThat;
import static io.tiered.redis.Instance.shared;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.tiered.redis.Fixtures.Price;
import io.tiered.redis.Fixtures.Query;
import io.tiered.runtime.CacheEntry;
import io.tiered.runtime.TieredCache;
import io.tiered.runtime.internal.CacheDefinition;
import io.tiered.runtime.internal.Types;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A fleet moving from Jackson 2 to Jackson 3 an instance at a time: each reads what the other
 * wrote, and both write the entry's envelope byte for byte alike.
 */
class MixedJacksonFleetTest {
  private static final Instant AT = Instant.parse("2025-01-02T03:04:05.123456789Z");
  private static final Codec JACKSON_2 = Codec.jackson(RedisTiers.defaultObjectMapper());
  private static final Codec JACKSON_3 = Codec.jackson3(RedisTiers.defaultJsonMapper());

  /** A value with what the two default mappers write differently: dates, enums with toString. */
  record Offer(String sku, BigDecimal amount, Instant at, LocalDate day, Duration valid,
      Optional<String> note, Level level, Map<String, Integer> stock) {}

  enum Level {
    LOW { @Override public String toString() { return "low!"; } },
    HIGH
  }

  private static final Offer OFFER = new Offer("a", new BigDecimal("1.50"), AT,
      LocalDate.of(2025, 1, 2), Duration.ofMillis(1500), Optional.of("n"), Level.LOW,
      Map.of("x", 1, "y", 2));

  private static <V> CacheEntry<V> across(Codec writer, Codec reader, Type type,
      CacheEntry<V> entry) {
    return reader.<V>forType(type).decode(writer.<V>forType(type).encode(entry));
  }

  @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

  @Test
  void instancesOnEitherJacksonShareEntriesAndInvalidations() {
    Instance onJackson2 = redis.newInstance(b -> b.objectMapper(RedisTiers.defaultObjectMapper()));
    Instance onJackson3 = redis.newInstance(b -> b.jsonMapper(RedisTiers.defaultJsonMapper()));
    Type listOfOffers = Types.parameterized(List.class, Offer.class);
    CacheDefinition.Builder<Query, List<Offer>> definition =
        shared("Svc.offers", Query.class, listOfOffers, Duration.ofMinutes(5), true);
    TieredCache<Query, List<Offer>> in2 = onJackson2.cache(definition, query -> List.of(OFFER));
    TieredCache<Query, List<Offer>> in3 = onJackson3.cache(definition, query -> List.of());
    Query query = new Query("a", 2, "EUR");

    assertThat(in2.get(query)).containsExactly(OFFER);
    assertThat(in3.get(query)).containsExactly(OFFER); // from Redis

    in3.invalidate(query);
    await().atMost(5, SECONDS).until(() -> { // its L1 dropped the key: it loads it again
      in2.get(query);
      return onJackson2.originCalls.get() == 2;
    });

    assertThat(onJackson3.originCalls.get()).isEqualTo(0);
  }

  @Test
  void jackson3ReadsWhatJackson2WroteAndBack() {
    Type type = Types.parameterized(List.class, Offer.class);
    CacheEntry<List<Offer>> entry = CacheEntry.of(List.of(OFFER), AT, Duration.ofMinutes(5));

    assertThat(across(JACKSON_2, JACKSON_3, type, entry)).isEqualTo(entry);
    assertThat(across(JACKSON_3, JACKSON_2, type, entry)).isEqualTo(entry);
  }

  @Test
  void bothWriteTheEnvelopeAlike() {
    CacheEntry<List<Price>> entry = CacheEntry.of(
        List.of(new Price("a", BigDecimal.ONE, AT)), AT, Duration.ofMillis(1500));
    Type type = Types.parameterized(List.class, Price.class);

    String fromJackson2 = new String(JACKSON_2.<List<Price>>forType(type).encode(entry), UTF_8);
    String fromJackson3 = new String(JACKSON_3.<List<Price>>forType(type).encode(entry), UTF_8);

    assertThat(fromJackson2).startsWith(
        "{\"cachedAt\":\"2025-01-02T03:04:05.123456789Z\",\"ttl\":\"PT1.5S\",\"value\":[");
    assertThat(fromJackson3).startsWith(
        "{\"cachedAt\":\"2025-01-02T03:04:05.123456789Z\",\"ttl\":\"PT1.5S\",\"value\":[");
    CacheEntry<String> plain = CacheEntry.of("v", AT, null);
    assertThat(JACKSON_3.<String>forType(String.class).encode(plain))
        .isEqualTo(JACKSON_2.<String>forType(String.class).encode(plain));
  }

  @Test
  void aNamingStrategyRenamesTheValuesPropertiesNotTheEnvelopes() {
    Codec snakeCase = Codec.jackson(RedisTiers.defaultObjectMapper().copy()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    CacheEntry<String> entry = CacheEntry.of("v", AT, Duration.ofSeconds(1));

    byte[] written = snakeCase.<String>forType(String.class).encode(entry);

    assertThat(new String(written, UTF_8)).contains("\"cachedAt\"");
    assertThat(JACKSON_3.<String>forType(String.class).decode(written)).isEqualTo(entry);
  }

  @Test
  void invalidationMessagesAreWrittenAlikeAndReadByBoth() {
    Invalidation batch = Invalidation.of("i-1", "Svc.price", List.of("\"a\"", "\"b\""));
    Invalidation one = Invalidation.of("i-1", "Svc.price", List.of("\"a\""));

    for (Invalidation message : List.of(batch, one)) {
      byte[] fromJackson2 = Jackson2.messages().write(message);
      byte[] fromJackson3 = Jackson3.messages().write(message);

      assertThat(new String(fromJackson3, UTF_8)).isEqualTo(new String(fromJackson2, UTF_8));
      assertThat(Jackson3.messages().read(fromJackson2, Invalidation.class)).isEqualTo(message);
      assertThat(Jackson2.messages().read(fromJackson3, Invalidation.class)).isEqualTo(message);
    }
    assertThat(new String(Jackson3.messages().write(one), UTF_8))
        .isEqualTo("{\"instance\":\"i-1\",\"cache\":\"Svc.price\",\"key\":\"\\\"a\\\"\"}");
  }
}
