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
import org.junit.jupiter.api.Test;

class KeyFormatTest {

  private static <K> KeyFormat<K> format(String cache, Type keyType) {
    return KeyFormat.of("tiered", cache, keyType, RedisTiers.defaultObjectMapper());
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

  @Test
  void noKeyIsItsName() {
    assertThat(format("PriceService.all", NoKey.class).encode(NoKey.INSTANCE))
        .isEqualTo("\"INSTANCE\"");
  }

  @Test
  void equalMapKeysEncodeAlikeWhateverTheirOrder() {
    KeyFormat<Map<String, Integer>> keys =
        format("c", Types.parameterized(Map.class, String.class, Integer.class));
    Map<String, Integer> insertedBA = new LinkedHashMap<>();
    insertedBA.put("b", 2);
    insertedBA.put("a", 1);

    assertThat(keys.encode(insertedBA)).isEqualTo(keys.encode(new TreeMap<>(insertedBA)));
    assertThat(keys.decode(keys.encode(insertedBA))).isEqualTo(insertedBA);
  }

  @Test
  void genericKeysRoundTrip() {
    KeyFormat<List<Long>> keys = format("c", Types.parameterized(List.class, Long.class));

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
