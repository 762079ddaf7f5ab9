package io.tiered.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tiered.runtime.CacheEntry;
import java.lang.reflect.Type;

/**
 * Turns cache entries into the bytes stored in Redis and back. The default is JSON:
 * {@link #jackson3} with Jackson 3 on the class path, else {@link #jackson(ObjectMapper)} with
 * Jackson 2; both store the same format, so instances using either share entries. Implement this
 * to store another format (or to wrap the default, for example to compress it).
 *
 * <p>A codec must keep the entry's value, {@link CacheEntry#cachedAt()} and
 * {@link CacheEntry#ttl()} exactly. It must never use Java serialization: the bytes come from a
 * network store, and deserializing them must not be able to instantiate arbitrary classes.
 */
public interface Codec {

  /**
   * {@return the codec for the entries of one cache, whose values have {@code valueType}} Called
   * once per cache, when its tier is made, so implementations should resolve the type here rather
   * than on every call.
   *
   * @param valueType the full generic type of the cache's values, such as {@code List<Price>}
   * @param <V> the cache's value type
   */
  <V> Typed<V> forType(Type valueType);

  /**
   * {@return the JSON codec on Jackson 2} ({@code com.fasterxml.jackson}). The value is written
   * by {@code mapper} for the cache's generic value type, next to the entry's cached-at instant
   * and ttl (ISO-8601 strings, so no precision is lost).
   *
   * @param mapper the mapper that writes and reads values
   */
  static Codec jackson(ObjectMapper mapper) {
    return new Jackson2Codec(mapper);
  }

  /**
   * {@return the JSON codec on Jackson 3} ({@code tools.jackson}, Spring Boot 4's default). It
   * writes the format {@link #jackson(ObjectMapper)} writes, so entries written by either are
   * read by both (values alike only as far as the two mappers write them alike).
   *
   * @param mapper the mapper that writes and reads values, such as the application's
   *     {@code JsonMapper}, so that its modules and mix-ins apply
   */
  static Codec jackson3(tools.jackson.databind.ObjectMapper mapper) {
    return new Jackson3Codec(mapper);
  }

  /**
   * Encodes and decodes the entries of one value type. Thread-safe.
   *
   * @param <V> the value type
   */
  interface Typed<V> {

    /**
     * {@return the bytes to store for {@code entry}} Throws when the value cannot be encoded.
     *
     * @param entry the entry to store
     */
    byte[] encode(CacheEntry<V> entry);

    /**
     * {@return the entry {@code bytes} hold} Throws any {@code RuntimeException} when they are
     * malformed.
     *
     * @param bytes what Redis returned for the entry's key
     */
    CacheEntry<V> decode(byte[] bytes);
  }
}
