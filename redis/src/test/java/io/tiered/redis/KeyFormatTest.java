package io.tiered.redis;

import static com.google.common.truth.Truth.assertThat;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tiered.redis.Fixtures.Query;
import io.tiered.redis.KeyBeans.PageQuery;
import io.tiered.runtime.NoKey;
import io.tiered.runtime.internal.Types;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KeyFormatTest {

  private static <K> KeyFormat<K> format(String cache, Type keyType) {
    return format(cache, keyType, JACKSON_3);
  }

  private static <K> KeyFormat<K> format(String cache, Type keyType, KeyJson json) {
    return KeyFormat.of("tiered", cache, keyType, json);
  }

  private static final KeyJson JACKSON_2 = Jackson2.of(RedisTiers.defaultObjectMapper()).keys();
  private static final KeyJson JACKSON_3 = Jackson3.of(RedisTiers.defaultJsonMapper()).keys();

  static Stream<KeyJson> jacksons() {
    return Stream.of(JACKSON_2, JACKSON_3);
  }

  @Test
  void stringKeysAreJsonStringsUnderPrefixAndCacheName() {
    KeyFormat<String> keys = format("PriceService.price", String.class);

    assertThat(redisKey(keys, "sku-1")).isEqualTo("tiered:PriceService.price:\"sku-1\"");
  }

  /** Plain keys skip the JSON writer: the bytes must be the writer's all the same. */
  @ParameterizedTest
  @MethodSource("jacksons")
  void stringKeysAreWhatTheJsonWriterWritesEscapedOrNot(KeyJson json) {
    KeyFormat<String> keys = format("c", String.class, json);
    KeyJson.Typed<String> writer = json.forType(String.class);

    for (String key : List.of("sku-1", "", " ~!#$%&'()*+,-./:;<=>?@[]^_`{|}", "a\"b", "a\\b",
        "tab\there", "line\n", "\u0000", "caf\u00e9", "\u20ac", "\ud83d\ude00", "\u007f")) {
      assertThat(keys.encode(key)).isEqualTo(writer.write(key));
      assertThat(keys.decode(keys.encode(key))).isEqualTo(key);
    }
  }

  /** A writer that escapes a character plain keys may hold is used for every key. */
  @Test
  void aWriterThatEscapesPlainCharactersWritesEveryStringKey() {
    KeyJson escapesSlashes = new KeyJson() {
      @Override
      @SuppressWarnings("unchecked")
      public <K> Typed<K> forType(Type keyType) {
        Typed<String> json = JACKSON_3.forType(String.class);
        return (Typed<K>) new Typed<String>() {
          @Override
          public String write(String key) {
            return json.write(key).replace("/", "\\/");
          }

          @Override
          public String read(String encoded) {
            return json.read(encoded);
          }
        };
      }
    };

    assertThat(format("c", String.class, escapesSlashes).encode("a/b")).isEqualTo("\"a\\/b\"");
  }

  @ParameterizedTest
  @MethodSource("jacksons")
  void recordKeysAreObjectsWithTheirComponentsSortedByName(KeyJson json) {
    KeyFormat<Query> keys = format("PriceService.quote", Query.class, json);

    String encoded = keys.encode(new Query("a", 2, "EUR"));

    assertThat(encoded).isEqualTo("{\"currency\":\"EUR\",\"quantity\":2,\"sku\":\"a\"}");
    assertThat(keys.decode(encoded)).isEqualTo(new Query("a", 2, "EUR"));
  }

  @ParameterizedTest
  @MethodSource("jacksons")
  void beanKeysAreObjectsWithTheirPropertiesSortedByName(KeyJson json) {
    // Fields declared size, page, sort; getters sort, page, size: neither decides.
    KeyFormat<PageQuery> keys = format("Repo.findAll", PageQuery.class, json);

    String encoded = keys.encode(new PageQuery(3, 20, "name"));

    assertThat(encoded).isEqualTo("{\"page\":3,\"size\":20,\"sort\":\"name\"}");
    assertThat(keys.decode(encoded)).isEqualTo(new PageQuery(3, 20, "name"));
  }

  @Test
  void keysAreCanonicalWhateverTheMapperSays() {
    KeyJson unsorted2 = Jackson2.of(JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
        .build()).keys();
    KeyJson unsorted3 = Jackson3.of(tools.jackson.databind.json.JsonMapper.builder()
        .disable(tools.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .enable(tools.jackson.databind.cfg.DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
        .build()).keys();
    Edition key = new Edition("b", Instant.parse("2025-01-02T03:04:05.5Z"), Shelf.TOP);
    String canonical = "{\"at\":\"2025-01-02T03:04:05.500Z\",\"shelf\":\"TOP\",\"title\":\"b\"}";

    assertThat(format("c", Edition.class, unsorted2).encode(key)).isEqualTo(canonical);
    assertThat(format("c", Edition.class, unsorted3).encode(key)).isEqualTo(canonical);
  }

  record Edition(String title, Instant at, Shelf shelf) {}

  enum Shelf {
    TOP { @Override public String toString() { return "top shelf"; } }
  }

  @Test
  void bothJacksonsWriteEveryKeyAlikeAndReadEachOthers() {
    Map<String, Integer> stock = new LinkedHashMap<>();
    stock.put("y", 2);
    stock.put("x", 1);
    Lookup key = new Lookup("t", new PageQuery(1, 10, "id"),
        Instant.parse("2025-01-02T03:04:05.123456789Z"), Duration.ofMillis(1500),
        LocalDate.of(2025, 1, 2), Optional.of("n"), Shelf.TOP, stock, List.of(3L, 1L),
        new BigDecimal("1.50"));
    KeyFormat<Lookup> two = format("c", Lookup.class, JACKSON_2);
    KeyFormat<Lookup> three = format("c", Lookup.class, JACKSON_3);

    assertThat(three.encode(key)).isEqualTo(two.encode(key));
    assertThat(two.encode(key)).isEqualTo("{\"day\":\"2025-01-02\",\"ids\":[3,1],\"note\":\"n\","
        + "\"page\":{\"page\":1,\"size\":10,\"sort\":\"id\"},\"price\":1.50,\"shelf\":\"TOP\","
        + "\"stock\":{\"x\":1,\"y\":2},\"tenant\":\"t\",\"valid\":\"PT1.5S\","
        + "\"written\":\"2025-01-02T03:04:05.123456789Z\"}");
    assertThat(three.decode(two.encode(key))).isEqualTo(key);
    assertThat(two.decode(three.encode(key))).isEqualTo(key);
  }

  /** A key with what the two Jacksons' defaults write differently. */
  record Lookup(String tenant, PageQuery page, Instant written, Duration valid, LocalDate day,
      Optional<String> note, Shelf shelf, Map<String, Integer> stock, List<Long> ids,
      BigDecimal price) {}

  @ParameterizedTest
  @MethodSource("jacksons")
  void noKeyIsItsName(KeyJson json) {
    assertThat(format("PriceService.all", NoKey.class, json).encode(NoKey.INSTANCE))
        .isEqualTo("\"INSTANCE\"");
  }

  @ParameterizedTest
  @MethodSource("jacksons")
  void equalMapKeysEncodeAlikeWhateverTheirOrder(KeyJson json) {
    KeyFormat<Map<String, Integer>> keys =
        format("c", Types.parameterized(Map.class, String.class, Integer.class), json);
    Map<String, Integer> insertedBA = new LinkedHashMap<>();
    insertedBA.put("b", 2);
    insertedBA.put("a", 1);

    assertThat(keys.encode(insertedBA)).isEqualTo(keys.encode(new TreeMap<>(insertedBA)));
    assertThat(keys.decode(keys.encode(insertedBA))).isEqualTo(insertedBA);
  }

  @ParameterizedTest
  @MethodSource("jacksons")
  void genericKeysRoundTrip(KeyJson json) {
    KeyFormat<List<Long>> keys = format("c", Types.parameterized(List.class, Long.class), json);

    assertThat(keys.decode(keys.encode(List.of(3L, 1L)))).containsExactly(3L, 1L).inOrder();
  }

  @Test
  void separatorsInCacheNamesCannotReachAnotherCachesKeys() {
    assertThat(redisKey(format("a:b", String.class), "x")).isEqualTo("tiered:a%3Ab:\"x\"");
    assertThat(redisKey(format("a%3Ab", String.class), "x")).isEqualTo("tiered:a%253Ab:\"x\"");
  }

  @Test
  void matchPatternEscapesGlobCharacters() {
    assertThat(format("Svc.get[*]?", String.class).matchPattern())
        .isEqualTo("tiered:Svc.get\\[\\*\\]\\?:*");
  }

  /** The Redis key holding {@code key}'s entry, as the tier builds it. */
  private static <K> String redisKey(KeyFormat<K> keys, K key) {
    return keys.namespaced(keys.encode(key));
  }
}
