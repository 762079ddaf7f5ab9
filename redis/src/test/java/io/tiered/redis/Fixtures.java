package io.tiered.redis;

import java.math.BigDecimal;
import java.time.Instant;

/** Value and key types of the tests, shaped like a service's. */
final class Fixtures {
  private Fixtures() {}

  record Price(String sku, BigDecimal amount, Instant at) {}

  /** A multi-parameter key, as the processor generates it; components not in alphabetical order. */
  record Query(String sku, int quantity, String currency) {}
}
