package io.tiered.redis;

import io.tiered.redis.KeyBeans.Pageable;
import io.tiered.redis.KeyBeans.Search;
import tools.jackson.databind.MapperFeature;

/**
 * Prints the Redis key of one bean key, by each Jackson: what {@link KeyOrderAcrossJvmsTest} runs
 * in JVMs that list a class's methods in different orders. The Jackson 3 mapper is configured not
 * to sort, as an application's may be: the key must come out sorted all the same.
 */
public final class PrintKeys {
  private PrintKeys() {}

  static String keys() {
    KeyJson jackson2 = Jackson2.of(RedisTiers.defaultObjectMapper()).keys();
    KeyJson jackson3 = Jackson3.of(RedisTiers.defaultJsonMapper().rebuild()
        .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).build()).keys();
    Search key = new Search("shoes", new Pageable());
    return KeyFormat.<Search>of("tiered", "Svc.search", Search.class, jackson2).encode(key) + "\n"
        + KeyFormat.<Search>of("tiered", "Svc.search", Search.class, jackson3).encode(key);
  }

  public static void main(String[] arguments) {
    System.out.println(keys());
  }
}
