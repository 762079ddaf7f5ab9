package io.tiered.redis;

import static com.google.common.truth.Truth.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.jspecify.annotations.Nullable;

/**
 * {@link IsoTimes} reads what the JDK's parsers read, as they read it: every instant and duration
 * written by {@code toString()} reads back equal, the shapes it writes for the years 0000 to 9999
 * without the JDK's parser, and any text near those shapes, malformed or not, gives the JDK's
 * result or the JDK's exception.
 */
class IsoTimesTest {
  /** Fixed so that CI is repeatable; delete {@code seed} from the properties to explore. */
  private static final String SEED = "2612061554";
  /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years read without the JDK's parser. */
  private static final long FIRST_FOUR_DIGIT_SECOND = -62_167_219_200L;
  private static final long LAST_FOUR_DIGIT_SECOND = 253_402_300_799L;
  /** What a mutation puts into a time: its own characters, and ones the JDK's parsers accept. */
  private static final String NEAR = "0123456789-+:.,TZtzPDHMSdhms 9";

  @Property(tries = 4_000, seed = SEED)
  void anyTimeReadsBackEqual(@ForAll("times") Object time) {
    Kind kind = Kind.of(time);
    String text = time.toString();
    Statistics.label(kind.name()).collect(kind.readHere.apply(text) != null ? "here" : "JDK");

    assertThat(kind.read.apply(text)).isEqualTo(time);
  }

  @Property(tries = 2_000, seed = SEED)
  void fourDigitYearsAreReadHere(@ForAll("fourDigitYears") Instant instant) {
    assertThat(IsoTimes.canonicalInstant(instant.toString())).isEqualTo(instant);
  }

  @Property(tries = 10_000, seed = SEED)
  void textNearATimeReadsAsTheJdkReadsIt(@ForAll("nearTimes") Near near) {
    Outcome jdk = Outcome.of(near.kind().jdk, near.text());
    Statistics.label(near.kind().name()).collect(jdk.thrown() == null ? "read" : "threw");

    assertThat(Outcome.of(near.kind().read, near.text())).isEqualTo(jdk);
  }

  @Property(tries = 2_000, seed = SEED)
  void durationsUpToCenturiesAreReadHere(@ForAll("centuries") Duration duration) {
    assertThat(IsoTimes.canonicalDuration(duration.toString())).isEqualTo(duration);
  }

  @Example
  void edgesReadAsTheJdkReadsThem() {
    for (String text : new String[] {"0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
        "+10000-01-01T00:00:00Z", "-0001-12-31T23:59:59Z", "2024-02-29T12:00:00Z",
        "2025-01-02T24:00:00Z", "2025-01-02T23:59:60Z", "2025-01-02t03:04:05z",
        "2025-01-02T03:04:05+01:00", "2025-01-02T03:04:05.5Z", "2025-01-02T03:04Z",
        "2025-02-29T00:00:00Z", "2025-02-30T00:00:00Z", "2025-13-01T00:00:00Z",
        "2025-01-02T03:04:05.Z", "2025-01-02T03:04:05.1234567890Z", "", "Z"}) {
      assertThat(Outcome.of(Kind.INSTANT.read, text))
          .isEqualTo(Outcome.of(Kind.INSTANT.jdk, text));
    }
    for (String text : new String[] {"PT0S", "PT-0.5S", "PT-1H-30M-0.000000001S", "PT10M",
        "PT0.000000001S", "PT-2562047788015215H-30M-8S", "PT2562047788015215H30M7.999999999S",
        "PT999999999999999999S", "PT9999999999999999999S", "PT", "P", "PT1H1H", "PT1M1H",
        "PT1.S", "PT1.5M", "PT+1S", "pt1s", "PT1,5S", "P1D", "-PT1S", "PT--1S", "PT1", ""}) {
      assertThat(Outcome.of(Kind.DURATION.read, text))
          .isEqualTo(Outcome.of(Kind.DURATION.jdk, text));
    }
  }

  @Example
  void malformedTextThrowsWhatTheJdkThrows() {
    for (String text : new String[] {"2025-02-30T00:00:00Z", "yesterday", "2025-01-02T03:04:05"}) {
      assertThat(Outcome.of(IsoTimes::instant, text).thrown())
          .isEqualTo(DateTimeParseException.class);
    }
    for (String text : new String[] {"PT", "PT10X", "10m"}) {
      assertThat(Outcome.of(IsoTimes::duration, text).thrown())
          .isEqualTo(DateTimeParseException.class);
    }
  }

  @Provide
  Arbitrary<Instant> instants() {
    Arbitrary<Long> seconds = Arbitraries.oneOf(
        Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
        Arbitraries.longs().between(FIRST_FOUR_DIGIT_SECOND - 86_400, FIRST_FOUR_DIGIT_SECOND),
        Arbitraries.longs().between(LAST_FOUR_DIGIT_SECOND, LAST_FOUR_DIGIT_SECOND + 86_400));
    return Combinators.combine(Arbitraries.oneOf(seconds, fourDigitSeconds()), nanos())
        .as(Instant::ofEpochSecond);
  }

  @Provide
  Arbitrary<Instant> fourDigitYears() {
    return Combinators.combine(fourDigitSeconds(), nanos()).as(Instant::ofEpochSecond);
  }

  @Provide
  Arbitrary<Duration> durations() {
    Arbitrary<Long> seconds = Arbitraries.oneOf(Arbitraries.longs(),
        Arbitraries.longs().between(-100_000, 100_000),
        Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L, 1L, 59L, 60L, 3_600L));
    return Combinators.combine(seconds, nanos()).as(Duration::ofSeconds);
  }

  @Provide
  Arbitrary<Duration> centuries() {
    return Combinators.combine(Arbitraries.longs().between(-4_000_000_000L, 4_000_000_000L),
        nanos()).as(Duration::ofSeconds);
  }

  @Provide
  Arbitrary<Object> times() {
    return Arbitraries.oneOf(instants(), durations());
  }

  @Provide
  Arbitrary<Near> nearTimes() {
    return Arbitraries.oneOf(
        near(fourDigitYears().map(Instant::toString)).map(text -> new Near(Kind.INSTANT, text)),
        near(durations().map(Duration::toString)).map(text -> new Near(Kind.DURATION, text)));
  }

  private static Arbitrary<Long> fourDigitSeconds() {
    return Arbitraries.longs().between(FIRST_FOUR_DIGIT_SECOND, LAST_FOUR_DIGIT_SECOND);
  }

  /** Whole seconds, milliseconds, microseconds or nanoseconds: the fractions written differ. */
  private static Arbitrary<Integer> nanos() {
    Arbitrary<Integer> any = Arbitraries.integers().between(0, 999_999_999);
    return Arbitraries.oneOf(Arbitraries.just(0), any.map(n -> n / 1_000_000 * 1_000_000),
        any.map(n -> n / 1_000 * 1_000), any, Arbitraries.of(1, 999_999_999));
  }

  /** {@code texts}, each with up to three characters replaced, removed or added. */
  private static Arbitrary<String> near(Arbitrary<String> texts) {
    Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.integers().between(0, 2),
        Arbitraries.integers().between(0, 40), Arbitraries.of(NEAR.chars()
            .mapToObj(c -> (char) c).toArray(Character[]::new))).as(Mutation::new);
    return Combinators.combine(texts, mutation.list().ofMaxSize(3)).as((text, mutations) -> {
      StringBuilder mutated = new StringBuilder(text);
      mutations.forEach(m -> m.apply(mutated));
      return mutated.toString();
    });
  }

  /** Replaces (0), removes (1) or adds (2) a character at {@code at}, modulo the length. */
  private record Mutation(int kind, int at, char character) {
    void apply(StringBuilder text) {
      int position = text.isEmpty() ? 0 : at % (text.length() + (kind == 2 ? 1 : 0));
      switch (kind) {
        case 0 -> {
          if (position < text.length()) {
            text.setCharAt(position, character);
          }
        }
        case 1 -> {
          if (position < text.length()) {
            text.deleteCharAt(position);
          }
        }
        default -> text.insert(position, character);
      }
    }
  }

  /** How the JDK and {@link IsoTimes} read one kind of time. */
  private enum Kind {
    INSTANT(Instant::parse, IsoTimes::instant, IsoTimes::canonicalInstant),
    DURATION(Duration::parse, IsoTimes::duration, IsoTimes::canonicalDuration);

    private final Function<String, ?> jdk;
    private final Function<String, ?> read;
    private final Function<String, ?> readHere;

    Kind(Function<String, ?> jdk, Function<String, ?> read, Function<String, ?> readHere) {
      this.jdk = jdk;
      this.read = read;
      this.readHere = readHere;
    }

    static Kind of(Object time) {
      return time instanceof Instant ? INSTANT : DURATION;
    }
  }

  /** A text near the shape {@code kind}'s {@code toString()} writes. */
  private record Near(Kind kind, String text) {}

  /** What a parser made of a text: a value, or the class of what it threw. */
  private record Outcome(@Nullable Object value, @Nullable Class<?> thrown) {
    static <T> Outcome of(Function<String, T> parser, String text) {
      try {
        return new Outcome(Objects.requireNonNull(parser.apply(text)), null);
      } catch (RuntimeException failure) {
        return new Outcome(null, failure.getClass());
      }
    }
  }
}
