package io.tiered.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;

/**
 * The tier's uses of Jackson 2 ({@code com.fasterxml.jackson}). Only this class and
 * {@link Jackson2Codec} name its types, so that they load only when Jackson 2 is chosen: with
 * only Jackson 3 on the class path, the tier never touches them.
 */
final class Jackson2 {
  private Jackson2() {}

  /** {@link RedisTiers#defaultObjectMapper()}. */
  static ObjectMapper defaultMapper() {
    return JsonMapper.builder()
        .addModule(new Jdk8Module())
        .addModule(new JavaTimeModule())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();
  }

  /** {@code mapper} writing keys (canonically) and, by default, values. */
  static Jacksons.Mapper of(ObjectMapper mapper) {
    return new Jacksons.Mapper(new Keys(canonical(mapper)), new Jackson2Codec(mapper));
  }

  /** Invalidation messages, as a default mapper writes and reads them. */
  static MessageJson messages() {
    return new Messages(JsonMapper.builder().build());
  }

  /**
   * A copy of {@code mapper} that writes keys as {@link KeyJson} says. Sorting is a mapper
   * feature: without it a bean's properties come in the order reflection lists its members,
   * which differs between JVMs (class data sharing on or off, agents).
   */
  private static ObjectMapper canonical(ObjectMapper mapper) {
    ObjectMapper keys = mapper.copy();
    keys.setConfig(keys.getSerializationConfig()
        .with(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .without(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)); // records sorted like beans
    return keys;
  }

  private record Keys(ObjectMapper mapper) implements KeyJson {
    @Override
    public <K> Typed<K> forType(Type keyType) {
      JavaType type = mapper.constructType(keyType);
      ObjectWriter writer = mapper.writerFor(type)
          .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .without(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS,
              SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS,
              SerializationFeature.WRITE_ENUMS_USING_TO_STRING,
              SerializationFeature.WRITE_ENUMS_USING_INDEX);
      ObjectReader reader = mapper.readerFor(type)
          .without(DeserializationFeature.READ_ENUMS_USING_TO_STRING);
      return new TypedKeys<>(writer, reader);
    }
  }

  private record TypedKeys<K>(ObjectWriter writer, ObjectReader reader)
      implements KeyJson.Typed<K> {
    @Override
    public String write(K key) {
      try {
        return writer.writeValueAsString(key);
      } catch (JsonProcessingException failure) {
        throw new UncheckedIOException(failure);
      }
    }

    @Override
    public K read(String json) {
      try {
        return reader.readValue(json);
      } catch (JsonProcessingException failure) {
        throw new UncheckedIOException(failure);
      }
    }
  }

  private record Messages(ObjectMapper mapper) implements MessageJson {
    @Override
    public byte[] write(Object message) {
      try {
        return mapper.writeValueAsBytes(message);
      } catch (IOException failure) {
        throw new UncheckedIOException(failure);
      }
    }

    @Override
    public <T> T read(byte[] json, Class<T> type) {
      try {
        return mapper.readValue(json, type);
      } catch (IOException failure) {
        throw new UncheckedIOException(failure);
      }
    }
  }
}
