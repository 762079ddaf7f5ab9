package io.tiered.redis;

/**
 * Which Jackson the tier uses when the builder is given no mapper: Jackson 3 when it is on the
 * class path, else Jackson 2. Found by name, so that the one not chosen is never loaded; this
 * class names neither's types.
 */
final class Jacksons {
  private static final String JACKSON_3 = "tools.jackson.databind.json.JsonMapper";
  private static final String JACKSON_2 = "com.fasterxml.jackson.databind.ObjectMapper";
  private static final String JACKSON_2_JDK8 = "com.fasterxml.jackson.datatype.jdk8.Jdk8Module";
  private static final String JACKSON_2_TIME =
      "com.fasterxml.jackson.datatype.jsr310.JavaTimeModule";

  private Jacksons() {}

  /**
   * One mapper's part in a factory.
   *
   * @param keys writes the keys, always
   * @param values the codec of values unless the builder was given one
   */
  record Mapper(KeyJson keys, Codec values) {}

  /** The default mapper of Jackson 3, else of Jackson 2; throws, saying what to add, if neither. */
  static Mapper defaultMapper() {
    if (present(JACKSON_3)) {
      return Jackson3.of(Jackson3.defaultMapper());
    }
    if (!present(JACKSON_2)) {
      throw new IllegalStateException("tiered-redis writes Redis keys and values as JSON with"
          + " Jackson, and finds none on the class path: add tools.jackson.core:jackson-databind"
          + " (Jackson 3; Spring Boot 4 applications have it), or"
          + " com.fasterxml.jackson.core:jackson-databind with"
          + " com.fasterxml.jackson.datatype:jackson-datatype-jdk8 and jackson-datatype-jsr310"
          + " (Jackson 2)");
    }
    if (!present(JACKSON_2_JDK8) || !present(JACKSON_2_TIME)) {
      throw new IllegalStateException("tiered-redis found Jackson 2 without the modules its"
          + " default mapper needs for Optional and java.time values: add"
          + " com.fasterxml.jackson.datatype:jackson-datatype-jdk8 and jackson-datatype-jsr310,"
          + " or give RedisTiers.Builder.objectMapper(...) a mapper of your own, or add"
          + " tools.jackson.core:jackson-databind (Jackson 3)");
    }
    return Jackson2.of(Jackson2.defaultMapper());
  }

  /** The JSON of invalidation messages: Jackson 3's when present, else Jackson 2's. */
  static MessageJson messages() {
    return present(JACKSON_3) ? Jackson3.messages() : Jackson2.messages();
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, Jacksons.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError absent) {
      return false;
    }
  }
}
