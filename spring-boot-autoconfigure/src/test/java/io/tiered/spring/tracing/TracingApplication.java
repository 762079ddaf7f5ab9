package io.tiered.spring.tracing;

import io.tiered.runtime.testing.ManualClock;
import io.tiered.spring.TieredRuntimeCustomizer;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A web application whose controller reads prices through their cache, traced by Brave. */
@SpringBootApplication
public class TracingApplication {

  @Bean
  ManualClock clock() {
    return new ManualClock();
  }

  @Bean
  TieredRuntimeCustomizer manualClock(ManualClock clock) {
    return runtime -> runtime.clock(clock);
  }

  @Bean
  RecordedSpans recordedSpans() {
    return new RecordedSpans();
  }

  @RestController
  static class PriceController {
    private final Prices prices;

    PriceController(Prices prices) {
      this.prices = prices;
    }

    @GetMapping("/prices/{sku}")
    String price(@PathVariable String sku) {
      return prices.price(sku);
    }
  }
}
