package io.tiered.redis;

import io.tiered.runtime.CacheEntry;
import java.lang.reflect.Type;
import java.util.Objects;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;

/**
 * {@link Codec#jackson3}: an entry as an {@link Envelope} written by a Jackson 3 mapper, in the
 * same format as {@link Jackson2Codec}'s. Jackson 3's exceptions are unchecked already.
 */
final class Jackson3Codec implements Codec {
  private final ObjectMapper mapper;

  Jackson3Codec(ObjectMapper mapper) {
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
    return "Codec.jackson3(" + mapper.getClass().getName() + ")";
  }

  private record TypedJackson<V>(ObjectWriter writer, ObjectReader reader) implements Typed<V> {
    @Override
    public byte[] encode(CacheEntry<V> entry) {
      return writer.writeValueAsBytes(Envelope.of(entry));
    }

    @Override
    public CacheEntry<V> decode(byte[] bytes) {
      return Envelope.open(reader.readValue(bytes));
    }
  }
}
