package io.tiered.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/** Compares a whole generated proxy with the one checked in under {@code expected/}. */
class GoldenSourceTest {

  @Test
  void priceServiceProxyReadsAsCheckedIn() {
    Compilation compilation = Sources.compile(Sources.good("PriceService"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("com.acme.TieredPriceService")
        .hasSourceEquivalentTo(Sources.expected("TieredPriceService"));
  }
}
