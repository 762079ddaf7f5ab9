package io.tiered.redis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.tiered.runtime.CacheEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The default {@link Codec}: an entry as a JSON object with the value typed by the cache. */
final class JacksonCodec implements Codec {
  private final ObjectMapper mapper;

  JacksonCodec(ObjectMapper mapper) {
    this.mapper = Objects.requireNonNull(mapper, "mapper");
  }

  @Override
  public <V> Typed<V> forType(Type valueType) {
    JavaType value = mapper.constructType(valueType);
    JavaType envelope = mapper.getTypeFactory().constructParametricType(Envelope.class, value);
    return new TypedJackson<>(mapper.writerFor(envelope), mapper.readerFor(envelope));
  }

  /**
   * What is stored: instants and durations as ISO-8601 strings, which keep nanoseconds and do not
   * depend on the user's mapper configuration for {@code java.time}.
   */
  record Envelope<V>(String cachedAt, @Nullable String ttl,
      // Always written, even by a mapper that omits nulls or empties: a cached null or
      // Optional.empty() ("absent", for nullTtl) must read back as itself, not as a missing value.
      @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable V value) {}

  private record TypedJackson<V>(ObjectWriter writer, ObjectReader reader) implements Typed<V> {
    @Override
    public byte[] encode(CacheEntry<V> entry) {
      String cachedAt = entry.cachedAt().toString();
      String ttl = entry.ttl().map(Duration::toString).orElse(null);
      try {
        return writer.writeValueAsBytes(new Envelope<>(cachedAt, ttl, entry.value()));
      } catch (IOException failure) {
        throw new UncheckedIOException(failure);
      }
    }

    @Override
    public CacheEntry<V> decode(byte[] bytes) {
      Envelope<V> envelope;
      try {
        envelope = reader.readValue(bytes);
      } catch (IOException failure) {
        throw new UncheckedIOException(failure);
      }
      Objects.requireNonNull(envelope, "entry is JSON null");
      Duration ttl = envelope.ttl() == null ? null : Duration.parse(envelope.ttl());
      return CacheEntry.of(envelope.value(), Instant.parse(envelope.cachedAt()), ttl);
    }
  }
}
