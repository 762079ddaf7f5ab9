package io.tiered.spring;

import io.tiered.spring.services.CountingPrices;
import io.tiered.spring.services.CountingQuotes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * User configurations that define one origin bean each and keep it at hand: once wrapped, the bean
 * is the proxy, so tests count the origin's calls through these.
 */
final class Origins {
  private Origins() {}

  /** Bean {@code prices}, a {@link CountingPrices}. */
  @Configuration(proxyBeanMethods = false)
  static class Prices {
    final CountingPrices origin = new CountingPrices();

    @Bean
    CountingPrices prices() {
      return origin;
    }
  }

  /** Bean {@code quotes}, a {@link CountingQuotes} (its interface falls back to tier "shared"). */
  @Configuration(proxyBeanMethods = false)
  static class Quotes {
    final CountingQuotes origin = new CountingQuotes();

    @Bean
    CountingQuotes quotes() {
      return origin;
    }
  }
}
