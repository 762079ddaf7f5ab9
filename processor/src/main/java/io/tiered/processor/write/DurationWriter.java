package io.tiered.processor.write;

import com.palantir.javapoet.CodeBlock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a {@link Duration} in its largest whole unit: {@code Duration.ofMinutes(5)}. */
final class DurationWriter {
  private static final List<Map.Entry<String, Duration>> UNITS = List.of(
      Map.entry("ofDays", Duration.ofDays(1)),
      Map.entry("ofHours", Duration.ofHours(1)),
      Map.entry("ofMinutes", Duration.ofMinutes(1)),
      Map.entry("ofSeconds", Duration.ofSeconds(1)),
      Map.entry("ofMillis", Duration.ofMillis(1)));

  private DurationWriter() {}

  static CodeBlock of(Duration duration) {
    for (Map.Entry<String, Duration> unit : UNITS) {
      if (duration.toNanos() % unit.getValue().toNanos() == 0) {
        return CodeBlock.of("$T.$N($L)", RuntimeNames.DURATION, unit.getKey(),
            number(duration.toNanos() / unit.getValue().toNanos()));
      }
    }
    return CodeBlock.of("$T.ofNanos($L)", RuntimeNames.DURATION, number(duration.toNanos()));
  }

  /** {@code 50_000}, as a person would write it; a suffix where an int would overflow. */
  static String number(long value) {
    String digits = String.format(Locale.ROOT, "%,d", value).replace(',', '_');
    return value > Integer.MAX_VALUE ? digits + "L" : digits;
  }
}
