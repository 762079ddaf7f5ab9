package io.tiered.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tiered.runtime.CacheEntry;
import java.lang.reflect.Type;

/**
 * Turns cache entries into the bytes stored in Redis and back. The default is
 * {@link #jackson(ObjectMapper)}; implement this to store another format (or to wrap the default,
 * for example to compress it).
 *
 * <p>A codec must keep the entry's value, {@link CacheEntry#cachedAt()} and
 * {@link CacheEntry#ttl()} exactly. It must never use Java serialization: the bytes come from a
 * network store, and deserializing them must not be able to instantiate arbitrary classes.
 */
public interface Codec {

  /**
   * The codec for the entries of one cache, whose values have {@code valueType} (the full
   * generic type, such as {@code List<Price>}). Called once per cache, when its tier is made, so
   * implementations should resolve the type here rather than on every call.
   */
  <V> Typed<V> forType(Type valueType);

  /**
   * The JSON codec: the value is written by {@code mapper} for the cache's generic value type,
   * next to the entry's cached-at instant and ttl (ISO-8601 strings, so no precision is lost).
   */
  static Codec jackson(ObjectMapper mapper) {
    return new JacksonCodec(mapper);
  }

  /** Encodes and decodes the entries of one value type. Thread-safe. */
  interface Typed<V> {

    /** The bytes to store for {@code entry}; throws when the value cannot be encoded. */
    byte[] encode(CacheEntry<V> entry);

    /** The entry {@code bytes} hold; throws any {@code RuntimeException} when they are malformed. */
    CacheEntry<V> decode(byte[] bytes);
  }
}
