package io.tiered.redis;

import java.lang.reflect.Type;

/**
 * Writes keys as the canonical JSON that {@link KeyFormat} puts in Redis keys and invalidation
 * messages, and reads it back. Every implementation writes equal keys alike on every JVM and with
 * either Jackson: object properties (of records and beans alike) sorted by name, map entries sorted
 * by key, enums by name, {@code java.time} values as ISO-8601 strings.
 */
interface KeyJson {

  /** {@return the writer and reader of keys of {@code keyType}} Called once per cache. */
  <K> Typed<K> forType(Type keyType);

  /** Keys of one type. Thread-safe. */
  interface Typed<K> {

    /** {@return the JSON of {@code key}} */
    String write(K key);

    /** {@return the key {@code json} holds}; throws when it holds none of this type */
    K read(String json);
  }
}
