package io.tiered.redis;

import static com.google.common.truth.Truth.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tiered.redis.Fixtures.Price;
import io.tiered.runtime.CacheEntry;
import io.tiered.runtime.internal.Types;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Both JSON codecs, Jackson 2's and Jackson 3's, on their default mappers. */
class JacksonCodecTest {
  private static final Instant CACHED_AT = Instant.parse("2025-01-02T03:04:05.123456789Z");

  static Stream<Codec> codecs() {
    return Stream.of(Codec.jackson(RedisTiers.defaultObjectMapper()),
        Codec.jackson3(RedisTiers.defaultJsonMapper()));
  }

  private static <V> CacheEntry<V> roundTrip(Codec codec, Type type, CacheEntry<V> entry) {
    Codec.Typed<V> typed = codec.forType(type);
    return typed.decode(typed.encode(entry));
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void listsOfRecordsKeepTheirTypeAndTheEntrysAgeAndTtl(Codec codec) {
    List<Price> prices = List.of(new Price("a", new BigDecimal("1.50"), CACHED_AT));
    CacheEntry<List<Price>> entry = CacheEntry.of(prices, CACHED_AT, Duration.ofMillis(1500));

    CacheEntry<List<Price>> decoded =
        roundTrip(codec, Types.parameterized(List.class, Price.class), entry);

    assertThat(decoded).isEqualTo(entry);
    assertThat(decoded.value().get(0)).isInstanceOf(Price.class);
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void nestedGenericsRoundTrip(Codec codec) {
    Type type = Types.parameterized(Map.class, String.class,
        Types.parameterized(Set.class, Long.class));
    CacheEntry<Map<String, Set<Long>>> entry =
        CacheEntry.of(Map.of("a", Set.of(1L, 2L)), CACHED_AT, null);

    CacheEntry<Map<String, Set<Long>>> decoded = roundTrip(codec, type, entry);

    assertThat(decoded).isEqualTo(entry);
    assertThat(decoded.value().get("a").iterator().next()).isInstanceOf(Long.class);
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void optionalContentsRoundTrip(Codec codec) {
    Type type = Types.parameterized(Optional.class, Price.class);
    CacheEntry<Optional<Price>> present =
        CacheEntry.of(Optional.of(new Price("a", BigDecimal.ONE, CACHED_AT)), CACHED_AT, null);
    CacheEntry<Optional<Price>> empty = CacheEntry.of(Optional.empty(), CACHED_AT, null);

    assertThat(roundTrip(codec, type, present)).isEqualTo(present);
    assertThat(roundTrip(codec, type, empty)).isEqualTo(empty);
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void cachedNullsRoundTrip(Codec codec) {
    CacheEntry<String> entry = CacheEntry.of(null, CACHED_AT, Duration.ofSeconds(1));

    assertThat(roundTrip(codec, String.class, entry)).isEqualTo(entry);
  }

  static Stream<Codec> omittingCodecs() {
    return Stream.of(
        Codec.jackson(RedisTiers.defaultObjectMapper().copy()
            .setSerializationInclusion(JsonInclude.Include.NON_ABSENT)),
        Codec.jackson3(RedisTiers.defaultJsonMapper().rebuild()
            .changeDefaultPropertyInclusion(include -> include
                .withValueInclusion(JsonInclude.Include.NON_ABSENT))
            .build()));
  }

  @ParameterizedTest
  @MethodSource("omittingCodecs")
  void absentValuesRoundTripEvenWithAMapperThatOmitsThem(Codec omitting) {
    // A cached null or Optional.empty() (nullTtl) must read back as itself, never as a missing
    // value, whatever the user's mapper does with nulls and empties.
    Codec.Typed<Optional<Price>> optional =
        omitting.forType(Types.parameterized(Optional.class, Price.class));
    CacheEntry<Optional<Price>> empty =
        CacheEntry.of(Optional.empty(), CACHED_AT, Duration.ofSeconds(30));
    Codec.Typed<String> plain = omitting.forType(String.class);
    CacheEntry<String> nothing = CacheEntry.of(null, CACHED_AT, Duration.ofSeconds(30));

    assertThat(optional.decode(optional.encode(empty))).isEqualTo(empty);
    assertThat(plain.decode(plain.encode(nothing))).isEqualTo(nothing);
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void malformedBytesThrow(Codec codec) {
    Codec.Typed<Price> typed = codec.forType(Price.class);

    for (String bad : List.of("not json", "null", "{}", "{\"cachedAt\":\"yesterday\"}",
        "{\"cachedAt\":\"2025-01-02T03:04:05Z\",\"value\":{\"amount\":\"x\"}}")) {
      assertThrows(RuntimeException.class, () -> typed.decode(bad.getBytes(UTF_8)), bad);
    }
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void timesAtTheEdgesRoundTrip(Codec codec) {
    Codec.Typed<String> typed = codec.forType(String.class);
    for (Instant at : List.of(Instant.EPOCH, Instant.parse("+10000-01-01T00:00:00Z"),
        Instant.parse("-0001-12-31T23:59:59.000001Z"), Instant.ofEpochMilli(Long.MAX_VALUE))) {
      for (Duration ttl : Arrays.asList(null, Duration.ofNanos(1), Duration.ofDays(400),
          Duration.ofSeconds(Long.MAX_VALUE, 999_999_999))) {
        CacheEntry<String> entry = CacheEntry.of("a", at, ttl);

        assertThat(typed.decode(typed.encode(entry))).isEqualTo(entry);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void malformedTimesThrowTheJdksParseException(Codec codec) {
    Codec.Typed<String> typed = codec.forType(String.class);

    for (String bad : List.of("{\"cachedAt\":\"2025-02-30T03:04:05Z\",\"value\":\"a\"}",
        "{\"cachedAt\":\"2025-01-02T03:04:05Z\",\"ttl\":\"PT\",\"value\":\"a\"}",
        "{\"cachedAt\":\"2025-01-02T03:04:05Z\",\"ttl\":\"PT1M1H\",\"value\":\"a\"}")) {
      assertThrows(DateTimeParseException.class, () -> typed.decode(bad.getBytes(UTF_8)), bad);
    }
  }

  static Stream<Codec> codecsIgnoringAnnotations() {
    return Stream.of(
        Codec.jackson(((JsonMapper) RedisTiers.defaultObjectMapper()).rebuild()
            .disable(com.fasterxml.jackson.databind.MapperFeature.USE_ANNOTATIONS)
            .build()),
        Codec.jackson3(RedisTiers.defaultJsonMapper().rebuild()
            .disable(tools.jackson.databind.MapperFeature.USE_ANNOTATIONS)
            .build()));
  }

  @ParameterizedTest
  @MethodSource("codecsIgnoringAnnotations")
  void aMapperIgnoringAnnotationsWritesAndReadsTheEnvelopeAlike(Codec ignoring) {
    Codec.Typed<String> typed = ignoring.forType(String.class);
    CacheEntry<String> entry = CacheEntry.of("v", CACHED_AT, Duration.ofMillis(1500));

    byte[] written = typed.encode(entry);

    assertThat(new String(written, UTF_8)).isEqualTo(
        "{\"cachedAt\":\"2025-01-02T03:04:05.123456789Z\",\"ttl\":\"PT1.5S\",\"value\":\"v\"}");
    assertThat(typed.decode(written)).isEqualTo(entry);
  }
}
