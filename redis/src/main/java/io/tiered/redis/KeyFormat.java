package io.tiered.redis;

import java.lang.reflect.Type;

/**
 * The Redis keys of one cache: {@code <prefix>:<cacheName>:<JSON of the key>}, the JSON canonical
 * (see {@link KeyJson}). The layout is documented in {@code package-info.java}; changing it
 * orphans every entry already stored.
 */
final class KeyFormat<K> {
  private final String namespace;
  private final KeyJson.Typed<K> json;

  private KeyFormat(String namespace, KeyJson.Typed<K> json) {
    this.namespace = namespace;
    this.json = json;
  }

  @SuppressWarnings("unchecked") // K is String when keyType is
  static <K> KeyFormat<K> of(String prefix, String cacheName, Type keyType, KeyJson keys) {
    KeyJson.Typed<K> json = keys.forType(keyType);
    if (keyType == String.class) {
      json = (KeyJson.Typed<K>) PlainStringKeys.over((KeyJson.Typed<String>) json);
    }
    return new KeyFormat<>(prefix + ":" + escape(cacheName) + ":", json);
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
    return json.write(key);
  }

  /** The key {@link #encode} wrote. */
  K decode(String encodedKey) {
    return json.read(encodedKey);
  }

  /** A {@code SCAN MATCH} pattern for every key of this cache, and only this cache's. */
  String matchPattern() {
    return namespace.replaceAll("([*?\\[\\]\\\\])", "\\\\$1") + "*";
  }
}
