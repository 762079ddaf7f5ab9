package io.tiered.processor.read;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/** Parses {@code @Tiered(jitter = "10%")} into the share of the ttl it stands for, 0.1. */
public final class JitterParser {
  /** The runtime refuses more: past half the ttl, jitter would be a shorter ttl. */
  private static final BigDecimal MOST = new BigDecimal("0.5");
  private static final Pattern PERCENT = Pattern.compile("\\d{1,3}(\\.\\d{1,6})?%");

  private JitterParser() {}

  /** The share above 0 and at most 0.5 that {@code text} stands for; empty when it is not one. */
  public static Optional<Double> parse(String text) {
    if (!PERCENT.matcher(text).matches()) {
      return Optional.empty();
    }
    BigDecimal share = new BigDecimal(text.substring(0, text.length() - 1)).movePointLeft(2);
    return share.signum() > 0 && share.compareTo(MOST) <= 0
        ? Optional.of(share.doubleValue())
        : Optional.empty();
  }
}
