package io.tiered.redis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tiered.runtime.CacheEntry;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the JSON codecs store for an entry: {@code {"cachedAt":"…","ttl":"…","value":…}}, the
 * instant and duration as ISO-8601 strings, which keep nanoseconds and do not depend on the
 * mapper's {@code java.time} settings. Jackson 2 and Jackson 3 write it byte for byte alike (the
 * annotations both read pin the names and their order), so a fleet can mix them during an
 * upgrade; only the value inside is written as each mapper writes it.
 */
@JsonPropertyOrder({"cachedAt", "ttl", "value"})
final class Envelope<V> {
  // Fields, not a record's components: Jackson 3 calls a record's constructor through
  // MethodHandle.invokeWithArguments, which builds a spreading handle on every call (more
  // allocation than the rest of an entry's decoding), and sets fields through exact invocations.
  // Public, as a record's components are found, by a mapper that ignores annotations too.
  // Named explicitly: a mapper's naming strategy (snake_case) must not rename them.
  @JsonProperty("cachedAt")
  public @Nullable String cachedAt;
  @JsonProperty("ttl")
  public @Nullable String ttl;
  // Always written, even by a mapper that omits nulls or empties: a cached null or
  // Optional.empty() ("absent", for nullTtl) must read back as itself, not as a missing value.
  @JsonProperty("value")
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public @Nullable V value;

  static <V> Envelope<V> of(CacheEntry<V> entry) {
    Envelope<V> envelope = new Envelope<>();
    envelope.cachedAt = entry.cachedAt().toString();
    envelope.ttl = entry.ttl().map(Duration::toString).orElse(null);
    envelope.value = entry.value();
    return envelope;
  }

  /**
   * The entry this envelope holds; throws when it is JSON null or its times are missing or
   * malformed (read as {@link IsoTimes} reads them).
   */
  static <V> CacheEntry<V> open(@Nullable Envelope<V> envelope) {
    Objects.requireNonNull(envelope, "entry is JSON null");
    String cachedAt = Objects.requireNonNull(envelope.cachedAt, "entry has no cachedAt");
    Duration ttl = envelope.ttl == null ? null : IsoTimes.duration(envelope.ttl);
    return CacheEntry.of(envelope.value, IsoTimes.instant(cachedAt), ttl);
  }
}
