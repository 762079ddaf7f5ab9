package io.tiered.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.common.truth.Truth;
import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Compares whole generated proxies with those checked in: under {@code expected/} as javac
 * writes them without jakarta.inject on the classpath, under {@code expected-injectable/} with it.
 */
class GoldenSourceTest {

  @Test
  void priceServiceProxyReadsAsCheckedIn() throws IOException {
    Compilation compilation = Sources.compile(Sources.good("PriceService"));

    assertThat(compilation).succeededWithoutWarnings();
    assertSameText(compilation, "com.acme.TieredPriceService",
        Sources.expected("TieredPriceService"));
  }

  @Test
  void bulkMethodsProxyReadsAsCheckedIn() throws IOException {
    Compilation compilation = Sources.compile(Sources.good("CatalogService"));

    assertThat(compilation).succeededWithoutWarnings();
    assertSameText(compilation, "com.acme.TieredCatalogService",
        Sources.expected("TieredCatalogService"));
  }

  @Test
  void reactiveProxyReadsAsCheckedIn() throws IOException {
    Compilation compilation = Sources.compile(Sources.good("ReactivePriceService"));

    assertThat(compilation).succeededWithoutWarnings();
    assertSameText(compilation, "com.acme.TieredReactivePriceService",
        Sources.expected("TieredReactivePriceService"));
  }

  @Test
  void taggedProxyReadsAsCheckedIn() throws IOException {
    Compilation compilation = Sources.compile(Sources.good("ProductService"));

    assertThat(compilation).succeededWithoutWarnings();
    assertSameText(compilation, "com.acme.TieredProductService",
        Sources.expected("TieredProductService"));
  }

  @Test
  void injectableProxyReadsAsCheckedIn() throws IOException {
    Compilation compilation = Sources.injecting().compile(Sources.good("QuoteService"));

    assertThat(compilation).succeededWithoutWarnings();
    assertSameText(compilation, "com.acme.TieredQuoteService",
        Sources.expectedInjectable("TieredQuoteService"));
  }

  @Test
  void injectFalseWritesTheProxyOfAClasspathWithoutJakartaInject() throws IOException {
    Compilation compilation =
        Sources.injecting("-Atiered.inject=false").compile(Sources.good("PriceService"));

    assertThat(compilation).succeededWithoutWarnings();
    assertSameText(compilation, "com.acme.TieredPriceService",
        Sources.expected("TieredPriceService"));
  }

  /**
   * The same text, not only an equivalent syntax tree: imports, annotations and their order as
   * checked in. Only the blank lines that end the checked-in files may differ.
   */
  private static void assertSameText(Compilation compilation, String proxy,
      JavaFileObject expected) throws IOException {
    JavaFileObject generated = compilation.generatedSourceFile(proxy).orElseThrow();
    if (Boolean.getBoolean("golden.update")) { // -Dgolden.update=true rewrites the checked-in file
      Path checkedIn = Path.of("src/test/resources")
          .resolve(Path.of("target/test-classes").toUri().relativize(expected.toUri()).getPath());
      Files.writeString(checkedIn, generated.getCharContent(false));
    }
    assertThat(compilation).generatedSourceFile(proxy).hasSourceEquivalentTo(expected);
    Truth.assertThat(generated.getCharContent(false).toString().stripTrailing())
        .isEqualTo(expected.getCharContent(false).toString().stripTrailing());
  }
}
