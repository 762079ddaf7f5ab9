package io.tiered.processor;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Duration texts the property tests write into annotations, with what each must mean. */
final class Durations {
  /** Text → the positive duration it stands for; {@code null} where it must be rejected. */
  private static final Map<String, Duration> MEANING = meanings();

  private Durations() {}

  static Iterable<String> texts() {
    return MEANING.keySet();
  }

  /** The duration {@code text} stands for, or empty where the processor must reject it. */
  static Optional<Duration> meaning(String text) {
    return Optional.ofNullable(MEANING.get(text));
  }

  private static Map<String, Duration> meanings() {
    java.util.LinkedHashMap<String, Duration> meanings = new java.util.LinkedHashMap<>();
    meanings.put("250ms", Duration.ofMillis(250));
    meanings.put("1s", Duration.ofSeconds(1));
    meanings.put("30s", Duration.ofSeconds(30));
    meanings.put("5m", Duration.ofMinutes(5));
    meanings.put("2h", Duration.ofHours(2));
    meanings.put("1d", Duration.ofDays(1));
    meanings.put("PT30S", Duration.ofSeconds(30));
    meanings.put("PT5M", Duration.ofMinutes(5));
    meanings.put("P1D", Duration.ofDays(1));
    meanings.put("", null);
    meanings.put(" ", null);
    meanings.put("0s", null);
    meanings.put("PT0S", null);
    meanings.put("-5s", null);
    meanings.put("PT-1S", null);
    meanings.put("5 minutes", null);
    meanings.put("1.5s", null);
    meanings.put("1x", null);
    meanings.put("ms", null);
    meanings.put("soon", null);
    meanings.put("999999999999999999d", null);
    return meanings;
  }
}
