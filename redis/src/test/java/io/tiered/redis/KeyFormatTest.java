package io.tiered.redis;

import static com.google.common.truth.Truth.assertThat;

import io.tiered.redis.Fixtures.Query;
import io.tiered.runtime.NoKey;
import io.tiered.runtime.internal.Types;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  @Test
  void recordKeysAreObjectsInComponentOrder() {
    KeyFormat<Query> keys = format("PriceService.quote", Query.class);

    String encoded = keys.encode(new Query("a", 2, "EUR"));

    assertThat(encoded).isEqualTo("{\"sku\":\"a\",\"quantity\":2,\"currency\":\"EUR\"}");
    assertThat(keys.decode(encoded)).isEqualTo(new Query("a", 2, "EUR"));
  }

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
