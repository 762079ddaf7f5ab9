package io.tiered.redis;

import io.tiered.runtime.CacheEntry;
import io.tiered.runtime.TierCodecException;
import java.lang.reflect.Array;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Finds out, at the first write of one cache on this instance, whether its codec reads back what
 * it writes. A value type JSON can write but not construct (an interface without a creator, such
 * as Spring Data's {@code Page}) would otherwise fail every read of every instance, and one that
 * reads back without some of its data would be served so. When the codec fails, the cache skips
 * Redis for good on this instance: one WARN and one {@link TierCodecException}, which the engine
 * counts as a codec error.
 *
 * <p>A decoded value passes when it equals the one written, or, for a type without an
 * {@code equals} of its own (which compares identities), when it encodes to the same bytes. Writes
 * of values that say nothing about the type (null, empty optionals, collections and maps) leave the
 * question open for the next write.
 */
final class CodecProbe<V> {
  private static final System.Logger LOG = System.getLogger(CodecProbe.class.getName());

  private enum State { UNTRIED, PASSED, FAILED }

  private final String cacheName;
  private final Type valueType;
  private final Codec.Typed<V> codec;
  private final AtomicReference<State> state = new AtomicReference<>(State.UNTRIED);

  CodecProbe(String cacheName, Type valueType, Codec.Typed<V> codec) {
    this.cacheName = cacheName;
    this.valueType = valueType;
    this.codec = codec;
  }

  /** Whether the codec was found unable to read back this cache's values: skip Redis. */
  boolean failed() {
    return state.get() == State.FAILED;
  }

  /**
   * Whether {@code encoded}, the bytes of {@code entry}, may be stored: false once the cache skips
   * Redis. The first write with content decodes them; when that fails, logs the WARN and throws,
   * once.
   *
   * @throws TierCodecException when this write finds that the codec cannot read back the values
   */
  boolean admits(CacheEntry<V> entry, byte[] encoded) {
    State known = state.get();
    if (known != State.UNTRIED || !hasContent(entry.value())) {
      return known != State.FAILED;
    }
    Failure failure = readBack(entry, encoded);
    if (failure == null) {
      state.compareAndSet(State.UNTRIED, State.PASSED);
      return !failed(); // another write may have failed it meanwhile
    }
    if (!state.compareAndSet(State.UNTRIED, State.FAILED)) {
      return !failed(); // another write reported it
    }
    throw report(failure);
  }

  /** What went wrong reading back a value, and the exception that said so, if one did. */
  private record Failure(String problem, @Nullable RuntimeException cause) {}

  /** Null when {@code encoded} reads back as {@code entry}'s value. */
  private @Nullable Failure readBack(CacheEntry<V> entry, byte[] encoded) {
    CacheEntry<V> decoded;
    try {
      decoded = codec.decode(encoded);
    } catch (RuntimeException unreadable) {
      return new Failure("cannot read back what it writes (" + unreadable + ")", unreadable);
    }
    if (Objects.deepEquals(decoded.value(), entry.value())) {
      return null;
    }
    try {
      if (Arrays.equals(codec.encode(decoded), encoded)) {
        return null; // a type without an equals of its own: its data survived all the same
      }
    } catch (RuntimeException unwritable) {
      return new Failure("cannot write again the value it read back (" + unwritable + ")",
          unwritable);
    }
    return new Failure("reads back a value that differs from the one written: a property it"
        + " writes but cannot set (no setter or creator parameter for it), or a subtype's"
        + " properties read as the declared type", null);
  }

  private TierCodecException report(Failure failure) {
    String message = "Tiered cache '" + cacheName + "': the Redis tier's codec "
        + failure.problem() + " for values of type " + valueType.getTypeName() + ". This cache"
        + " now skips Redis on this instance: its reads miss Redis and its writes skip it"
        + " (counted once, in cache.errors{operation=codec}). Fix: cache a concrete value type"
        + " the codec can construct (a record or a class with a creator, not an interface such"
        + " as Spring Data's Page<T>: copy it into a record of your own), or register a Jackson"
        + " mix-in or module for the type on the mapper (RedisTiers.Builder.jsonMapper or"
        + " objectMapper; under Spring Boot, the application's JsonMapper), or set a Codec that"
        + " can (RedisTiers.Builder.codec)";
    if (failure.cause() == null) {
      LOG.log(System.Logger.Level.WARNING, message);
    } else {
      LOG.log(System.Logger.Level.WARNING, message, failure.cause());
    }
    return new TierCodecException(message, failure.cause());
  }

  /** Whether {@code value} holds anything the value type's codec must construct. */
  private static boolean hasContent(@Nullable Object value) {
    return switch (value) {
      case null -> false;
      case Optional<?> optional -> optional.isPresent();
      case Collection<?> collection -> !collection.isEmpty();
      case Map<?, ?> map -> !map.isEmpty();
      default -> !value.getClass().isArray() || Array.getLength(value) > 0;
    };
  }
}
