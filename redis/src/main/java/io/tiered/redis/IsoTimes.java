package io.tiered.redis;

import java.time.Duration;
import java.time.Instant;
import java.time.Month;
import java.time.Year;
import org.jspecify.annotations.Nullable;

/**
 * Reads an {@link Envelope}'s times as {@link Instant#parse} and {@link Duration#parse} do, for
 * less: those build a formatter and run a regular expression on every call, the largest cost of
 * decoding an entry. The shapes {@link Instant#toString()} and {@link Duration#toString()} write
 * (years 0000 to 9999; hours, minutes and seconds) are read here; any other text goes to the JDK's
 * parser, which reads what it accepts and throws its {@code DateTimeParseException} for the rest.
 */
final class IsoTimes {
  /** {@code yyyy-MM-ddTHH:mm:ssZ}, then with 3, 6 or 9 digits of fraction. */
  private static final int WHOLE_SECONDS = 20;
  private static final int SECONDS_PER_DAY = 86_400;
  /** Days from 0000-01-01 to 1970-01-01, as {@code LocalDate} counts them. */
  private static final long DAYS_0000_TO_1970 = 146_097L * 5 - (30L * 365 + 7);
  /** A duration's units in the order they are written: none yet, hours, minutes, seconds. */
  private static final String UNITS = "_HMS";
  private static final long[] SECONDS_PER_UNIT = {0, 3_600, 60, 1};
  /** The most digits of each unit read here: no sum of them overflows a long. */
  private static final int[] MAX_DIGITS = {0, 15, 16, 18};

  private IsoTimes() {}

  /** {@code text} as {@link Instant#parse} reads it. */
  static Instant instant(String text) {
    Instant canonical = canonicalInstant(text);
    return canonical != null ? canonical : Instant.parse(text);
  }

  /** {@code text} as {@link Duration#parse} reads it. */
  static Duration duration(String text) {
    Duration canonical = canonicalDuration(text);
    return canonical != null ? canonical : Duration.parse(text);
  }

  /** {@code yyyy-MM-ddTHH:mm:ss[.fff[fff[fff]]]Z} as a valid instant; null for anything else. */
  static @Nullable Instant canonicalInstant(String text) {
    int length = text.length();
    int fractionDigits = length - WHOLE_SECONDS - 1;
    if (length != WHOLE_SECONDS && fractionDigits != 3 && fractionDigits != 6
        && fractionDigits != 9) {
      return null;
    }
    if (text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
        || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(length - 1) != 'Z'
        || (length > WHOLE_SECONDS && text.charAt(19) != '.')) {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    int fraction = length > WHOLE_SECONDS ? digits(text, 20, fractionDigits) : 0;
    // Each is -1 when not all digits. Hour 24 and second 60, which Instant.parse reads as the
    // next day and a leap second, and invalid dates, are left to it.
    if (year < 0 || month < 1 || month > 12 || day < 1
        || day > Month.of(month).length(Year.isLeap(year)) || hour < 0 || hour > 23
        || minute < 0 || minute > 59 || second < 0 || second > 59 || fraction < 0) {
      return null;
    }
    long seconds = epochDay(year, month, day) * SECONDS_PER_DAY + hour * 3_600L + minute * 60L
        + second;
    return Instant.ofEpochSecond(seconds, fraction == 0 ? 0 : fraction * scale(fractionDigits));
  }

  /**
   * {@code PT[-]nH[-]nM[-]n[.f]S}, each part optional but one, as a duration; null for anything
   * else, or numbers too long to add up here.
   */
  static @Nullable Duration canonicalDuration(String text) {
    int length = text.length();
    if (!text.startsWith("PT")) {
      return null;
    }
    long seconds = 0;
    int nanos = 0;
    int lastUnit = 0;
    int position = 2;
    while (position < length) {
      boolean negative = text.charAt(position) == '-';
      int start = negative ? position + 1 : position;
      int end = digitsEnd(text, start);
      int count = end - start;
      if (count == 0 || end == length) {
        return null;
      }
      int unitAt = end;
      if (text.charAt(end) == '.') { // a fraction: of seconds only, 1 to 9 digits
        unitAt = digitsEnd(text, end + 1);
        int fractionDigits = unitAt - end - 1;
        if (fractionDigits < 1 || fractionDigits > 9 || unitAt == length
            || text.charAt(unitAt) != 'S') {
          return null;
        }
        int fraction = digits(text, end + 1, fractionDigits) * scale(fractionDigits);
        nanos = negative ? -fraction : fraction;
      }
      int unit = UNITS.indexOf(text.charAt(unitAt));
      if (unit <= lastUnit || count > MAX_DIGITS[unit]) {
        return null; // not a unit, out of order, or too long to add up
      }
      long number = Long.parseLong(text, start, end, 10);
      seconds += (negative ? -number : number) * SECONDS_PER_UNIT[unit];
      lastUnit = unit;
      position = unitAt + 1;
    }
    return lastUnit == 0 ? null : Duration.ofSeconds(seconds, nanos);
  }

  /** The {@code count} digits at {@code start}, at most 9; -1 when one is not a digit. */
  private static int digits(String text, int start, int count) {
    int value = 0;
    for (int i = start; i < start + count; i++) {
      int digit = text.charAt(i) - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value;
  }

  /** Where the run of digits at {@code start} ends. */
  private static int digitsEnd(String text, int start) {
    int end = start;
    while (end < text.length() && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
      end++;
    }
    return end;
  }

  /** What a fraction of {@code digits} digits is multiplied by to count nanoseconds. */
  private static int scale(int digits) {
    int scale = 1;
    for (int i = digits; i < 9; i++) {
      scale *= 10;
    }
    return scale;
  }

  /** As {@code LocalDate.of(year, month, day).toEpochDay()}, for years 0 to 9999. */
  private static long epochDay(int year, int month, int day) {
    long days = 365L * year + (year + 3) / 4 - (year + 99) / 100 + (year + 399) / 400
        + (367 * month - 362) / 12 + day - 1;
    if (month > 2) {
      days -= Year.isLeap(year) ? 1 : 2;
    }
    return days - DAYS_0000_TO_1970;
  }
}
