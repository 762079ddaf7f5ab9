package io.tiered.redis;

import java.lang.reflect.Type;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tier's uses of Jackson 3 ({@code tools.jackson}). Only this class and {@link Jackson3Codec}
 * name its types, so that they load only when Jackson 3 is chosen. Jackson 3 has {@code Optional}
 * and {@code java.time} built in, and its exceptions are unchecked.
 */
final class Jackson3 {
  private Jackson3() {}

  /** {@link RedisTiers#defaultJsonMapper()}. */
  static JsonMapper defaultMapper() {
    return JsonMapper.builder()
        // Jackson 3's defaults already; stated, because rolling deploys depend on them: an
        // instance running the previous version of a value class must read the new one's entries.
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        // As Jackson 2 reads: a field made primitive in a new version reads an old null as 0.
        .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        // Enums by name, as Jackson 2 writes and reads them, so a fleet mixing both shares values.
        .disable(EnumFeature.WRITE_ENUMS_USING_TO_STRING, EnumFeature.READ_ENUMS_USING_TO_STRING)
        .build();
  }

  /** {@code mapper} writing keys (canonically) and, by default, values. */
  static Jacksons.Mapper of(JsonMapper mapper) {
    return new Jacksons.Mapper(new Keys(canonical(mapper)), new Jackson3Codec(mapper));
  }

  /** Invalidation messages, as {@link Jackson2#messages()} writes and reads them. */
  static MessageJson messages() {
    return new Messages(JsonMapper.builder()
        .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY) // in declaration order
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build());
  }

  /** A copy of {@code mapper} that writes keys as {@link KeyJson} says, as Jackson 2's does. */
  private static JsonMapper canonical(JsonMapper mapper) {
    return mapper.rebuild()
        .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST) // records sorted like beans
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS,
            DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .disable(EnumFeature.WRITE_ENUMS_USING_TO_STRING, EnumFeature.READ_ENUMS_USING_TO_STRING,
            EnumFeature.WRITE_ENUMS_USING_INDEX)
        .build();
  }

  private record Keys(ObjectMapper mapper) implements KeyJson {
    @Override
    public <K> Typed<K> forType(Type keyType) {
      JavaType type = mapper.constructType(keyType);
      return new TypedKeys<>(mapper.writerFor(type), mapper.readerFor(type));
    }
  }

  private record TypedKeys<K>(ObjectWriter writer, ObjectReader reader)
      implements KeyJson.Typed<K> {
    @Override
    public String write(K key) {
      return writer.writeValueAsString(key);
    }

    @Override
    public K read(String json) {
      return reader.readValue(json);
    }
  }

  private record Messages(ObjectMapper mapper) implements MessageJson {
    @Override
    public byte[] write(Object message) {
      return mapper.writeValueAsBytes(message);
    }

    @Override
    public <T> T read(byte[] json, Class<T> type) {
      return mapper.readValue(json, type);
    }
  }
}
