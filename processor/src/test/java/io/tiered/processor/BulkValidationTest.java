package io.tiered.processor;

import static io.tiered.processor.Findings.assertOneError;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.tiered.processor.Sources.compile;
import static io.tiered.processor.validate.Message.BULK_SHAPE;
import static io.tiered.processor.validate.Message.BULK_SHARED_TYPES;
import static io.tiered.processor.validate.Message.NOT_CACHED;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The compile errors of {@code @Bulk} methods: message, file and line. */
class BulkValidationTest {

  @Test
  void twoParameters() {
    assertShapeError("Map<String, Long> prices(Set<String> skus, int quantity);",
        "takes (java.util.Set<java.lang.String>, int) and returns"
            + " java.util.Map<java.lang.String,java.lang.Long>");
  }

  @Test
  void notAMap() {
    assertShapeError("List<Long> prices(Set<String> skus);",
        "takes (java.util.Set<java.lang.String>) and returns java.util.List<java.lang.Long>");
  }

  @Test
  void mapKeyOtherThanTheElement() {
    assertShapeError("Map<Long, Long> prices(Set<String> skus);",
        "takes (java.util.Set<java.lang.String>) and returns"
            + " java.util.Map<java.lang.Long,java.lang.Long>");
  }

  @Test
  void primitiveArray() {
    assertShapeError("Map<Long, Long> prices(long[] ids);",
        "takes (long[]) and returns java.util.Map<java.lang.Long,java.lang.Long>");
  }

  @Test
  void wildcardElements() {
    assertShapeError("Map<String, Long> prices(Set<? extends String> skus);",
        "takes (java.util.Set<? extends java.lang.String>) and returns"
            + " java.util.Map<java.lang.String,java.lang.Long>");
  }

  @Test
  void sharedCacheWithOtherValueType() {
    JavaFileObject source = bulk(
        "  Long price(String sku);",
        "  @Bulk @Tiered(name = \"Prices.price\")",
        "  Map<String, Integer> prices(Set<String> skus);");

    assertOneError(source, "@Bulk", "[Tiered:BULK_SHARED_TYPES] " + BULK_SHARED_TYPES.detail(
        "Prices.price", "Prices.prices(Set)", "java.lang.String", "java.lang.Integer",
        "Prices.price(String)", "java.lang.String", "java.lang.Long"));
  }

  @Test
  void sharedCacheWithASeveralParameterMethod() {
    JavaFileObject source = bulk(
        "  Long price(String sku, int quantity);",
        "  @Bulk @Tiered(name = \"Prices.price\")",
        "  Map<String, Long> prices(Set<String> skus);");

    assertOneError(source, "@Bulk", "[Tiered:BULK_SHARED_TYPES] " + BULK_SHARED_TYPES.detail(
        "Prices.price", "Prices.prices(Set)", "java.lang.String", "java.lang.Long",
        "Prices.price(String, int)", "not one parameter", "java.lang.Long"));
  }

  @Test
  void sharingBetweenBulkMethodsAndASingleKeyMethodCompiles() {
    Compilation compilation = compile(bulk(
        "  long price(String sku);",
        "  @Bulk @Tiered(name = \"Prices.price\")",
        "  Map<String, Long> prices(Set<String> skus);",
        "  @Bulk @Tiered(name = \"Prices.price\")",
        "  Map<String, Long> pricesOf(String[] skus);"));

    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void aGenericInterfaceMayHaveBulkMethods() {
    Compilation compilation = compile(JavaFileObjects.forSourceString("com.acme.Store",
        String.join("\n",
            "package com.acme;",
            "import io.tiered.Bulk;",
            "import io.tiered.Tiered;",
            "import java.util.Collection;",
            "import java.util.Map;",
            "@Tiered",
            "public interface Store<K, V> {",
            "  V find(K id);",
            "  @Bulk @Tiered(name = \"Store.find\")",
            "  Map<K, V> findAll(Collection<K> ids);",
            "  @Bulk",
            "  Map<K, V> load(Iterable<K> ids);",
            "}")));

    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void bulkOnAnUncachedMethodIsAWarning() {
    JavaFileObject source = JavaFileObjects.forSourceString("com.acme.Prices", String.join("\n",
        "package com.acme;",
        "import io.tiered.Bulk;",
        "import io.tiered.Tiered;",
        "import java.util.Map;",
        "import java.util.Set;",
        "public interface Prices {",
        "  @Tiered Long price(String sku);",
        "  @Bulk",
        "  Map<String, Long> prices(Set<String> skus);",
        "}"));

    Compilation compilation = compile(source);

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningContaining("[Tiered:NOT_CACHED] " + NOT_CACHED.detail(
        "Bulk", "Prices.prices(Set)", "it is not annotated @Tiered, nor is Prices"))
        .inFile(source).onLineContaining("@Bulk");
  }

  private static void assertShapeError(String method, String signature) {
    JavaFileObject source = bulk("  @Bulk", "  " + method);
    String description = "Prices.prices" + method.substring(method.indexOf('('), method.indexOf(')') + 1)
        .replaceAll(" \\w+(,|\\))", "$1").replaceAll("<[^()]*>", "");
    assertOneError(source, "@Bulk",
        "[Tiered:BULK_SHAPE] " + BULK_SHAPE.detail(description, signature));
  }

  /** {@code com.acme.Prices}, a {@code @Tiered} interface of {@code lines}. */
  private static JavaFileObject bulk(String... lines) {
    return JavaFileObjects.forSourceString("com.acme.Prices", String.join("\n",
        "package com.acme;",
        "import io.tiered.Bulk;",
        "import io.tiered.Tiered;",
        "import java.util.List;",
        "import java.util.Map;",
        "import java.util.Set;",
        "@Tiered",
        "public interface Prices {",
        String.join("\n", lines),
        "}"));
  }
}
