package io.tiered.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
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

  /** {@code mapper} writing keys and, by default, values. */
  static Jacksons.Mapper of(ObjectMapper mapper) {
    return new Jacksons.Mapper(new Keys(mapper), new Jackson2Codec(mapper));
  }

  /** Invalidation messages, as a default mapper writes and reads them. */
  static MessageJson messages() {
    return new Messages(JsonMapper.builder().build());
  }

  private record Keys(ObjectMapper mapper) implements KeyJson {
    @Override
    public <K> Typed<K> forType(Type keyType) {
      JavaType type = mapper.constructType(keyType);
      // Sorted map entries: two equal map-valued keys must encode alike whatever their order.
      ObjectWriter writer =
          mapper.writerFor(type).with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
      return new TypedKeys<>(writer, mapper.readerFor(type));
    }
  }

  private record TypedKeys<K>(ObjectWriter writer, ObjectReader reader) implements KeyJson.Typed<K> {
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
