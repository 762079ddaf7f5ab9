package io.tiered.redis;

import static com.google.common.truth.Truth.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tiered.redis.Fixtures.Price;
import io.tiered.runtime.CacheEntry;
import io.tiered.runtime.internal.Types;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JacksonCodecTest {
  private static final Instant CACHED_AT = Instant.parse("2025-01-02T03:04:05.123456789Z");
  private final Codec codec = Codec.jackson(RedisTiers.defaultObjectMapper());

  private <V> CacheEntry<V> roundTrip(Type type, CacheEntry<V> entry) {
    Codec.Typed<V> typed = codec.forType(type);
    return typed.decode(typed.encode(entry));
  }

  @Test
  void listsOfRecordsKeepTheirTypeAndTheEntrysAgeAndTtl() {
    List<Price> prices = List.of(new Price("a", new BigDecimal("1.50"), CACHED_AT));
    CacheEntry<List<Price>> entry = CacheEntry.of(prices, CACHED_AT, Duration.ofMillis(1500));

    CacheEntry<List<Price>> decoded =
        roundTrip(Types.parameterized(List.class, Price.class), entry);

    assertThat(decoded).isEqualTo(entry);
    assertThat(decoded.value().get(0)).isInstanceOf(Price.class);
  }

  @Test
  void nestedGenericsRoundTrip() {
    Type type = Types.parameterized(Map.class, String.class,
        Types.parameterized(Set.class, Long.class));
    CacheEntry<Map<String, Set<Long>>> entry =
        CacheEntry.of(Map.of("a", Set.of(1L, 2L)), CACHED_AT, null);

    CacheEntry<Map<String, Set<Long>>> decoded = roundTrip(type, entry);

    assertThat(decoded).isEqualTo(entry);
    assertThat(decoded.value().get("a").iterator().next()).isInstanceOf(Long.class);
  }

  @Test
  void optionalContentsRoundTrip() {
    Type type = Types.parameterized(Optional.class, Price.class);
    CacheEntry<Optional<Price>> present =
        CacheEntry.of(Optional.of(new Price("a", BigDecimal.ONE, CACHED_AT)), CACHED_AT, null);
    CacheEntry<Optional<Price>> empty = CacheEntry.of(Optional.empty(), CACHED_AT, null);

    assertThat(roundTrip(type, present)).isEqualTo(present);
    assertThat(roundTrip(type, empty)).isEqualTo(empty);
  }

  @Test
  void cachedNullsRoundTrip() {
    CacheEntry<String> entry = CacheEntry.of(null, CACHED_AT, Duration.ofSeconds(1));

    assertThat(roundTrip(String.class, entry)).isEqualTo(entry);
  }

  @Test
  void absentValuesRoundTripEvenWithAMapperThatOmitsThem() {
    // A cached null or Optional.empty() (nullTtl) must read back as itself, never as a missing
    // value, whatever the user's mapper does with nulls and empties.
    Codec omitting = Codec.jackson(RedisTiers.defaultObjectMapper().copy()
        .setSerializationInclusion(JsonInclude.Include.NON_ABSENT));
    Codec.Typed<Optional<Price>> optional =
        omitting.forType(Types.parameterized(Optional.class, Price.class));
    CacheEntry<Optional<Price>> empty =
        CacheEntry.of(Optional.empty(), CACHED_AT, Duration.ofSeconds(30));
    Codec.Typed<String> plain = omitting.forType(String.class);
    CacheEntry<String> nothing = CacheEntry.of(null, CACHED_AT, Duration.ofSeconds(30));

    assertThat(optional.decode(optional.encode(empty))).isEqualTo(empty);
    assertThat(plain.decode(plain.encode(nothing))).isEqualTo(nothing);
  }

  @Test
  void malformedBytesThrow() {
    Codec.Typed<Price> typed = codec.forType(Price.class);

    for (String bad : List.of("not json", "null", "{}", "{\"cachedAt\":\"yesterday\"}",
        "{\"cachedAt\":\"2025-01-02T03:04:05Z\",\"value\":{\"amount\":\"x\"}}")) {
      assertThrows(RuntimeException.class, () -> typed.decode(bad.getBytes(UTF_8)), bad);
    }
  }
}
