package io.tiered.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;

/**
 * The Redis keys of one cache: {@code <prefix>:<cacheName>:<JSON of the key>}. The layout is
 * documented in {@code package-info.java}; changing it orphans every entry already stored.
 */
final class KeyFormat<K> {
  private final String namespace;
  private final ObjectWriter writer;
  private final ObjectReader reader;

  private KeyFormat(String namespace, ObjectWriter writer, ObjectReader reader) {
    this.namespace = namespace;
    this.writer = writer;
    this.reader = reader;
  }

  static <K> KeyFormat<K> of(String prefix, String cacheName, Type keyType, ObjectMapper mapper) {
    JavaType type = mapper.constructType(keyType);
    // Sorted map entries: two equal map-valued keys must encode alike whatever their map's order.
    ObjectWriter writer = mapper.writerFor(type).with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    return new KeyFormat<>(prefix + ":" + escape(cacheName) + ":", writer, mapper.readerFor(type));
  }

  /** {@code :} is the separator, so a cache named {@code a:b} must not share {@code a}'s keys. */
  static String escape(String cacheName) {
    return cacheName.replace("%", "%25").replace(":", "%3A");
  }

  /** The Redis key of an already {@link #encode}d key. */
  String namespaced(String encodedKey) {
    return namespace + encodedKey;
  }

  /** The key as it appears in Redis keys and invalidation messages. */
  String encode(K key) {
    try {
      return writer.writeValueAsString(key);
    } catch (JsonProcessingException failure) {
      throw new UncheckedIOException(failure);
    }
  }

  /** The key {@link #encode} wrote. */
  K decode(String encodedKey) {
    try {
      return reader.readValue(encodedKey);
    } catch (JsonProcessingException failure) {
      throw new UncheckedIOException(failure);
    }
  }

  /** A {@code SCAN MATCH} pattern for every key of this cache, and only this cache's. */
  String matchPattern() {
    return namespace.replaceAll("([*?\\[\\]\\\\])", "\\\\$1") + "*";
  }
}
