package io.tiered.redis;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tiered.runtime.CacheEntry;
import io.tiered.runtime.TierCodecException;
import io.tiered.runtime.internal.Types;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What counts as reading a value back, with either Jackson's default codec. */
class CodecProbeTest {
  private static final Instant AT = Instant.parse("2025-01-02T03:04:05Z");

  private final CapturedLog log = CapturedLog.of(CodecProbe.class);

  @AfterEach
  void stopCapturing() {
    log.close();
  }

  static Stream<Codec> codecs() {
    return Stream.of(Codec.jackson(RedisTiers.defaultObjectMapper()),
        Codec.jackson3(RedisTiers.defaultJsonMapper()));
  }

  /** Whether {@code probe} lets {@code value} be stored (throws when it fails the cache). */
  private static <V> boolean admits(CodecProbe<V> probe, Codec.Typed<V> typed, V value) {
    CacheEntry<V> entry = CacheEntry.of(value, AT, null);
    return probe.admits(entry, typed.encode(entry));
  }

  private static <V> CodecProbe<V> probe(Codec.Typed<V> typed, Type type) {
    return new CodecProbe<>("Svc.get", type, typed);
  }

  /** Written whole, read back without {@code note}: data lost on the way. */
  record Annotated(String sku, @JsonProperty(access = JsonProperty.Access.READ_ONLY) String note) {}

  @ParameterizedTest
  @MethodSource("codecs")
  void aValueReadBackWithoutSomeOfItsDataFailsTheCache(Codec codec) {
    Codec.Typed<Annotated> typed = codec.forType(Annotated.class);
    CodecProbe<Annotated> probe = probe(typed, Annotated.class);

    TierCodecException thrown = assertThrows(TierCodecException.class,
        () -> admits(probe, typed, new Annotated("a", "kept?")));

    assertThat(thrown).hasMessageThat().contains("differs from the one written");
    assertThat(probe.failed()).isTrue();
    assertThat(admits(probe, typed, new Annotated("b", "n"))).isFalse(); // no second report
    assertThat(log.at(Level.WARNING)).hasSize(1);
  }

  /** A class without an equals of its own: a value read back is never equal to the one written. */
  public static final class Plain {
    private String name = "";
    private List<Integer> sizes = List.of();

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public List<Integer> getSizes() {
      return sizes;
    }

    public void setSizes(List<Integer> sizes) {
      this.sizes = sizes;
    }
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void aTypeWithoutEqualsPassesWhenItWritesBackAlike(Codec codec) {
    Type listOfPlain = Types.parameterized(List.class, Plain.class);
    Codec.Typed<List<Plain>> typed = codec.forType(listOfPlain);
    CodecProbe<List<Plain>> probe = probe(typed, listOfPlain);
    Plain plain = new Plain();
    plain.setName("p");
    plain.setSizes(List.of(3, 1));

    assertThat(admits(probe, typed, List.of(plain))).isTrue();
    assertThat(probe.failed()).isFalse();
    assertThat(log.at(Level.WARNING)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void setsPassWhateverOrderTheyReadBackIn(Codec codec) {
    Type setOfStrings = Types.parameterized(Set.class, String.class);
    Codec.Typed<Set<String>> typed = codec.forType(setOfStrings);
    Set<String> many = new HashSet<>(1024); // iterates in another order than a default one
    IntStream.range(0, 200).forEach(i -> many.add("k" + i));

    assertThat(admits(probe(typed, setOfStrings), typed, many)).isTrue();
  }

  interface Shape {}

  record Square(int side) implements Shape {}

  @ParameterizedTest
  @MethodSource("codecs")
  void valuesThatSayNothingOfTheTypeLeaveTheQuestionOpen(Codec codec) {
    Type optionalShape = Types.parameterized(Optional.class, Shape.class);
    Codec.Typed<Optional<Shape>> typed = codec.forType(optionalShape);
    CodecProbe<Optional<Shape>> probe = probe(typed, optionalShape);

    assertThat(admits(probe, typed, Optional.empty())).isTrue();
    assertThat(admits(probe, typed, null)).isTrue();

    assertThrows(TierCodecException.class,
        () -> admits(probe, typed, Optional.of(new Square(2))));
  }

  @Test
  void onceAValueReadsBackTheCacheIsNotProbedAgain() {
    Codec.Typed<Object> typed = new Codec.Typed<>() {
      private final Codec.Typed<String> json =
          Codec.jackson3(RedisTiers.defaultJsonMapper()).forType(String.class);
      private int decodes;

      @Override
      public byte[] encode(CacheEntry<Object> entry) {
        return json.encode(CacheEntry.of(String.valueOf(entry.value()), AT, null));
      }

      @Override
      public CacheEntry<Object> decode(byte[] bytes) {
        if (++decodes > 1) {
          throw new AssertionError("decoded twice");
        }
        return CacheEntry.of(json.decode(bytes).value(), AT, null);
      }
    };
    CodecProbe<Object> probe = new CodecProbe<>("Svc.get", Object.class, typed);

    assertThat(admits(probe, typed, "a")).isTrue();
    assertThat(admits(probe, typed, "b")).isTrue();
  }
}
