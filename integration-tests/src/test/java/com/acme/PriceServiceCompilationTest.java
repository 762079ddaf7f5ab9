package com.acme;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.tiered.processor.TieredProcessor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The "Testing your interfaces" recipe of docs/testing.md, part 1: compile your annotated interface
 * with the processor in a test, and assert what it generates or which error it reports.
 */
class PriceServiceCompilationTest {

  @Test
  void theInterfaceCompilesToAProxy() {
    Compilation compilation = javac()
        .withProcessors(new TieredProcessor())
        .compile(JavaFileObjects.forSourceLines("com.acme.QuoteService",
            "package com.acme;",
            "",
            "import io.tiered.Tiered;",
            "",
            "@Tiered(ttl = \"10m\")",
            "public interface QuoteService {",
            "  long quote(String sku);",
            "}"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.TieredQuoteService")
        .contentsAsUtf8String()
        .contains("public final class TieredQuoteService implements QuoteService, TieredProxy");
  }

  @Test
  void aMistakeIsACompileErrorOnItsLineWithAStableId() {
    JavaFileObject source = JavaFileObjects.forSourceLines("com.acme.QuoteService",
        "package com.acme;",
        "",
        "import io.tiered.Tiered;",
        "",
        "@Tiered(ttl = \"ten minutes\")",
        "public interface QuoteService {",
        "  long quote(String sku);",
        "}");

    Compilation compilation = javac().withProcessors(new TieredProcessor()).compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[Tiered:BAD_DURATION]")
        .inFile(source)
        .onLineContaining("ten minutes");
  }
}
