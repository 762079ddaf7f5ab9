package io.tiered.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.tiered.processor.Sources.acme;
import static io.tiered.processor.Sources.compile;
import static io.tiered.processor.validate.Message.CACHE_NAME_SHARED_ACROSS_INTERFACES;
import static io.tiered.processor.validate.Message.NOTHING_CACHED;
import static io.tiered.processor.validate.Message.NOT_CACHED;

import com.google.common.truth.Truth;
import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Declarations that compile but are likely mistakes get a warning on the annotation. */
class WarningTest {

  @Test
  void fallbackOnAMethodThatIsNotCached() {
    JavaFileObject source = acme("Prices",
        "@Tiered",
        "public interface Prices {",
        "  String price(String sku);",
        "  @Fallback(tier = \"shared\")",
        "  void update(String sku);",
        "}");

    Compilation compilation = compile(source);

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningContaining("[Tiered:NOT_CACHED] "
            + NOT_CACHED.detail("Fallback", "Prices.update(String)", "it returns void"))
        .inFile(source).onLineContaining("@Fallback");
    assertThat(compilation).generatedSourceFile("com.acme.TieredPrices");
  }

  @Test
  void refreshAfterOnAnInterfaceWithoutCachedMethods() {
    JavaFileObject source = acme("Audit",
        "@Tiered",
        "@RefreshAfter(\"1m\")",
        "public interface Audit {",
        "  void record(String event);",
        "}");

    Compilation compilation = compile(source);

    assertThat(compilation).succeeded();
    assertThat(compilation)
        .hadWarningContaining(
            "[Tiered:NOTHING_CACHED] " + NOTHING_CACHED.detail("RefreshAfter", "Audit"))
        .inFile(source).onLineContaining("@RefreshAfter");
    assertThat(compilation)
        .hadWarningContaining("[Tiered:NOTHING_CACHED] " + NOTHING_CACHED.detail("Tiered", "Audit"))
        .inFile(source).onLineContaining("@Tiered");
  }

  @Test
  void fallbackWithoutAnyTiered() {
    JavaFileObject source = acme("Prices",
        "@Fallback(tier = \"shared\")",
        "public interface Prices {",
        "  String price(String sku);",
        "}");

    Compilation compilation = compile(source);

    assertThat(compilation).succeeded();
    assertThat(compilation)
        .hadWarningContaining(
            "[Tiered:NOTHING_CACHED] " + NOTHING_CACHED.detail("Fallback", "Prices"))
        .inFile(source).onLineContaining("@Fallback");
    Truth.assertThat(compilation.generatedSourceFiles()).isEmpty();
  }

  @Test
  void twoInterfacesWhoseMethodsShareACacheName() {
    JavaFileObject orders = acme("Orders",
        "public interface Orders {",
        "  @Tiered",
        "  interface Lookup {",
        "    String find(String id);",
        "  }",
        "}");
    JavaFileObject invoices = acme("Invoices",
        "public interface Invoices {",
        "  @Tiered",
        "  interface Lookup {",
        "    String find(String id);",
        "  }",
        "}");

    Compilation compilation = compile(orders, invoices);

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation)
        .hadWarningContaining("[Tiered:CACHE_NAME_SHARED_ACROSS_INTERFACES] "
            + CACHE_NAME_SHARED_ACROSS_INTERFACES.detail("Lookup.find",
                "com.acme.Orders.Lookup.find(String)", "com.acme.Invoices.Lookup.find(String)"))
        .inFile(orders).onLineContaining("String find(String id);");
  }
}
