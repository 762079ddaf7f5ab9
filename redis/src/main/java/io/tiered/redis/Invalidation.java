package io.tiered.redis;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One message on a prefix's invalidation channel, as JSON:
 * {@code {"instance":"…","cache":"PriceService.price","key":"\"sku-1\""}} for one key,
 * {@code {…,"keys":["\"sku-1\"","\"sku-2\""]}} for a batch; neither means every key of the
 * cache; {@code {"instance":"…","tag":"product:sku-1"}} for a tag, every entry carrying it in
 * every cache. Absent fields are left out, so instances from before batches read one-key and
 * every-key messages as they did; a batch or a tag, whose field they do not know, they log as
 * unreadable (their message mapper fails on unknown properties), and keep their L1: they neither
 * stamp nor check tags anyway.
 *
 * @param instance the factory that sent it, so it can ignore its own messages
 * @param cache the cache name; null for a tag
 * @param key the encoded key (as in the Redis key) of a one-key invalidation, else null
 * @param keys the encoded keys of a batch, else null
 * @param tag the tag invalidated, else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL) // one key reads as it did before batches existed
record Invalidation(String instance, @Nullable String cache, @Nullable String key,
    @Nullable List<String> keys, @Nullable String tag) {
  private static final MessageJson JSON = Jacksons.messages(); // Jackson 3 or 2, written alike

  /** The message for {@code encodedKeys} (null: every key); one key travels as {@code key}. */
  static Invalidation of(String instance, String cache, @Nullable List<String> encodedKeys) {
    if (encodedKeys != null && encodedKeys.size() == 1) {
      return new Invalidation(instance, cache, encodedKeys.get(0), null, null);
    }
    return new Invalidation(instance, cache, null, encodedKeys, null);
  }

  /** The message for {@code tag}. */
  static Invalidation ofTag(String instance, String tag) {
    return new Invalidation(instance, null, null, null, tag);
  }

  /** The encoded keys this message drops, or null for every key. */
  @Nullable List<String> droppedKeys() {
    if (keys != null) {
      return keys;
    }
    return key == null ? null : List.of(key);
  }

  byte[] toBytes() {
    return JSON.write(this);
  }

  static Invalidation fromBytes(byte[] message) {
    return JSON.read(message, Invalidation.class);
  }
}
