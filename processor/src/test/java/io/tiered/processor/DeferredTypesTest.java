package io.tiered.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.tiered.processor.Sources.acme;
import static io.tiered.processor.validate.Message.UNRESOLVED_TYPE;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.RoundEnvironment;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * An interface whose methods use a type javac does not know yet waits for the round in which
 * another processor generates it; if none does, the last round reports the type.
 */
class DeferredTypesTest {

  @Test
  void typeGeneratedInTheSecondRoundIsWaitedFor() throws IOException {
    JavaFileObject source = acme("Prices",
        "import com.acme.generated.Price;",
        "@Tiered",
        "public interface Prices {",
        "  Price price(String sku);",
        "  List<Price> history(String sku);",
        "}");

    Compilation compilation = Sources.javac(new TieredProcessor(),
            new Generator("com.acme.generated.Price", "public record Price(long cents) {}"))
        .compile(source);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation.generatedSourceFile("com.acme.TieredPrices").orElseThrow()
            .getCharContent(true).toString())
        .contains("TieredCache<String, List<Price>> historyCache()");
  }

  @Test
  void durationConstantGeneratedInTheSecondRoundIsWaitedFor() throws IOException {
    JavaFileObject source = acme("Prices",
        "import com.acme.generated.Ttls;",
        "@Tiered(ttl = Ttls.PRICES)",
        "public interface Prices {",
        "  @RefreshAfter(Ttls.REFRESH)",
        "  String price(String sku);",
        "}");

    Compilation compilation = Sources.javac(new TieredProcessor(), new Generator(
        "com.acme.generated.Ttls",
        "public final class Ttls {",
        "  public static final String PRICES = \"10m\";",
        "  public static final String REFRESH = \"1m\";",
        "}")).compile(source);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation.generatedSourceFile("com.acme.TieredPrices").orElseThrow()
            .getCharContent(true).toString())
        .contains("Duration.ofMinutes(10)");
  }

  @Test
  void durationConstantNobodyDefinesIsLeftToJavac() {
    JavaFileObject source = acme("Prices",
        "@Tiered(ttl = Ttls.PRICES)",
        "public interface Prices {",
        "  String price(String sku);",
        "}");

    Compilation compilation = Sources.compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("cannot find symbol")
        .inFile(source).onLineContaining("@Tiered(ttl = Ttls.PRICES)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void typeNobodyGeneratesIsReportedInTheLastRound() {
    JavaFileObject base = acme("Base",
        "public interface Base {",
        "  Missing price(String sku);",
        "}");
    JavaFileObject source = acme("Prices",
        "@Tiered",
        "public interface Prices extends Base, Unknown {",
        "  List<? extends Absent> all();",
        "}");
    List<String> reached = new ArrayList<>();

    Compilation compilation = Sources.javac(new TieredProcessor(step -> type -> {
      reached.add(type.getSimpleName().toString());
      step.process(type);
    })).compile(base, source);

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("[Tiered:UNRESOLVED_TYPE] "
            + UNRESOLVED_TYPE.detail("Prices", "Absent, Missing, Unknown"))
        .inFile(source).onLineContaining("public interface Prices");
    assertThat(reached).isEmpty();
  }

  /** Writes one source file in the first round, as another processor would. */
  private static final class Generator extends RoundListener {
    private final String name;
    private final String[] body;
    private boolean written;

    Generator(String name, String... body) {
      this.name = name;
      this.body = body;
    }

    @Override
    void round(RoundEnvironment round) {
      if (!written) {
        written = true;
        String packageName = name.substring(0, name.lastIndexOf('.'));
        try (Writer out = processingEnv.getFiler().createSourceFile(name).openWriter()) {
          out.write("package " + packageName + ";\n\n" + String.join("\n", body) + "\n");
        } catch (IOException failure) {
          throw new UncheckedIOException(failure);
        }
      }
    }
  }
}
