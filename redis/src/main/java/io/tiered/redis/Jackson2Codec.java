package io.tiered.redis;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.tiered.runtime.CacheEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.util.Objects;

/** {@link Codec#jackson}: an entry as an {@link Envelope} written by a Jackson 2 mapper. */
final class Jackson2Codec implements Codec {
  private final ObjectMapper mapper;

  Jackson2Codec(ObjectMapper mapper) {
    this.mapper = Objects.requireNonNull(mapper, "mapper");
  }

  @Override
  public <V> Typed<V> forType(Type valueType) {
    JavaType value = mapper.constructType(valueType);
    JavaType envelope = mapper.getTypeFactory().constructParametricType(Envelope.class, value);
    return new TypedJackson<>(mapper.writerFor(envelope), mapper.readerFor(envelope));
  }

  @Override
  public String toString() {
    return "Codec.jackson(" + mapper.getClass().getName() + ")";
  }

  private record TypedJackson<V>(ObjectWriter writer, ObjectReader reader) implements Typed<V> {
    @Override
    public byte[] encode(CacheEntry<V> entry) {
      try {
        return writer.writeValueAsBytes(Envelope.of(entry));
      } catch (IOException failure) {
        throw new UncheckedIOException(failure);
      }
    }

    @Override
    public CacheEntry<V> decode(byte[] bytes) {
      try {
        return Envelope.open(reader.readValue(bytes));
      } catch (IOException failure) {
        throw new UncheckedIOException(failure);
      }
    }
  }
}
