package io.tiered.processor.read;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the annotations' durations: {@code "250ms"}, {@code "30s"}, ... or ISO-8601. */
public final class DurationParser {
  /** Generated code computes with nanoseconds, so longer durations (292 years) are refused. */
  private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);
  private static final Pattern SHORT = Pattern.compile("(\\d{1,18})(ms|s|m|h|d)");

  private DurationParser() {}

  /** The positive duration {@code text} stands for; empty when it is malformed or not positive. */
  public static Optional<Duration> parse(String text) {
    try {
      Duration duration = parseAny(text);
      return duration == null || duration.isNegative() || duration.isZero()
              || duration.compareTo(LONGEST) > 0
          ? Optional.empty()
          : Optional.of(duration);
    } catch (DateTimeParseException | ArithmeticException malformed) {
      return Optional.empty();
    }
  }

  private static Duration parseAny(String text) {
    Matcher matcher = SHORT.matcher(text);
    if (!matcher.matches()) {
      return text.startsWith("P") || text.startsWith("p") ? Duration.parse(text) : null;
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }
}
