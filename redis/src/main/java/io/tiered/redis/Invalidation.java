package io.tiered.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;

/**
 * One message on a prefix's invalidation channel, as JSON:
 * {@code {"instance":"…","cache":"PriceService.price","key":"\"sku-1\""}}; a null {@code key}
 * means every key of the cache.
 *
 * @param instance the factory that sent it, so it can ignore its own messages
 * @param cache the cache name
 * @param key the encoded key (as in the Redis key), or null for all keys
 */
record Invalidation(String instance, String cache, @Nullable String key) {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  byte[] toBytes() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (IOException failure) {
      throw new UncheckedIOException(failure);
    }
  }

  static Invalidation fromBytes(byte[] message) {
    try {
      return JSON.readValue(message, Invalidation.class);
    } catch (IOException failure) {
      throw new UncheckedIOException(failure);
    }
  }
}
