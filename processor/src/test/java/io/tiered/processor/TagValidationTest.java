package io.tiered.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.tiered.processor.Findings.assertOneError;
import static io.tiered.processor.Sources.acme;
import static io.tiered.processor.Sources.compile;
import static io.tiered.processor.validate.Message.BAD_JITTER;
import static io.tiered.processor.validate.Message.BAD_TAG_TEMPLATE;
import static io.tiered.processor.validate.Message.JITTER_WITHOUT_TTL;
import static io.tiered.processor.validate.Message.TAG_ON_SHARED_BULK;
import static io.tiered.processor.validate.Message.TAG_ON_UNCACHED_METHOD;
import static io.tiered.processor.validate.Message.TAG_PLACEHOLDER_INVALID;
import static io.tiered.processor.validate.Message.TAG_WRITE_WITHOUT_PROXY;
import static io.tiered.processor.validate.Message.TYPE_TAG_UNFILLABLE;
import static io.tiered.processor.validate.Message.WRITE_ON_CACHED_METHOD;

import com.google.testing.compile.Compilation;
import io.tiered.processor.validate.Message;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One test per error of {@code @Tag}, {@code @InvalidateTag} and jitter: message, file, line. */
class TagValidationTest {

  private static JavaFileObject prices(String... methods) {
    String[] lines = new String[methods.length + 6];
    lines[0] = "@Tiered(ttl = \"10m\")";
    lines[1] = "public interface Prices {";
    lines[2] = "  record Owner(long id) {}";
    lines[3] = "  record Order(String sku, Owner owner) {}";
    System.arraycopy(methods, 0, lines, 4, methods.length);
    lines[methods.length + 4] = "  int count();";
    lines[methods.length + 5] = "}";
    return acme("Prices", lines);
  }

  @Test
  void everyPlaceholderFormCompilesWithoutWarnings() {
    JavaFileObject source = prices(
        "  @Tag(\"product:{sku}\") @Tag(\"catalog\") String price(String sku);",
        "  @Tag(\"{order.sku}/{order.owner.id}\") String stock(Order order);",
        "  @Tag(\"{ sku }:{quantity}\") List<String> quote(String sku, int quantity);",
        "  @Bulk @Tag(\"product:{skus}\") Map<String, Long> stocks(Set<String> skus);",
        "  @InvalidateTag(\"product:{order.sku}\")",
        "  @InvalidateTag(\"owner:{order.owner.id}\") void save(Order order);",
        "  @InvalidateTag(\"catalog\") void reload();");

    assertThat(compile(source)).succeededWithoutWarnings();
  }

  @Test
  void placeholderNamingNoParameterOnTheSecondOfTwoTags() {
    JavaFileObject source = prices(
        "  @Tag(\"catalog\")",
        "  @Tag(\"product:{id}\")",
        "  String price(String sku);");

    assertError(source, "@Tag(\"product:{id}\")", TAG_PLACEHOLDER_INVALID, "id",
        "@Tag(\"product:{id}\")", "Prices.price(String)", "no parameter is named id", "sku");
  }

  @Test
  void placeholderPathThatDoesNotResolve() {
    JavaFileObject source = prices(
        "  @Tag(\"product:{order.code}\") String stock(Order order);");

    assertError(source, "@Tag(\"product:{order.code}\")", TAG_PLACEHOLDER_INVALID,
        "order.code", "@Tag(\"product:{order.code}\")", "Prices.stock(Order)",
        "Order has no record component or no-arg method code", "order");
  }

  @Test
  void placeholderOfAnArray() {
    JavaFileObject source = prices(
        "  @Tag(\"product:{skus}\") String all(String[] skus);");

    assertError(source, "@Tag(\"product:{skus}\")", TAG_PLACEHOLDER_INVALID, "skus",
        "@Tag(\"product:{skus}\")", "Prices.all(String[])",
        "it is an array, whose String.valueOf is not its content; name one of its elements'"
            + " values through another path",
        "skus");
  }

  @Test
  void placeholderOfAMethodWithoutParameters() {
    JavaFileObject source = prices(
        "  @Tag(\"size:{size}\") long size();");

    assertError(source, "@Tag(\"size:{size}\")", TAG_PLACEHOLDER_INVALID, "size",
        "@Tag(\"size:{size}\")", "Prices.size()", "no parameter is named size",
        "it has none, so its tags are constants");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "product:{sku  | the { at index 8 is not closed",
      "product:}     | a } at index 8 closes no {",
      "p:{sku{x}}    | the { at index 2 is not closed",
      "product:{ }   | the {} at index 8 names nothing",
      "''            | it is empty"})
  void malformedBraces(String template, String reason) {
    String written = "@Tag(\"" + template + "\")";
    JavaFileObject source = prices("  " + written + " String price(String sku);");

    assertError(source, written, BAD_TAG_TEMPLATE, written, "Prices.price(String)", reason);
  }

  @Test
  void invalidateTagPlaceholderNamingNoParameter() {
    JavaFileObject source = prices(
        "  String price(String sku);",
        "  @InvalidateTag(\"product:{order.sku}\") void save(Order saved);");

    assertError(source, "@InvalidateTag(\"product:{order.sku}\")", TAG_PLACEHOLDER_INVALID,
        "order.sku", "@InvalidateTag(\"product:{order.sku}\")", "Prices.save(Order)",
        "no parameter is named order", "saved");
  }

  @Test
  void invalidateTagWithUnbalancedBraces() {
    JavaFileObject source = prices(
        "  @InvalidateTag(\"product:{sku\") void update(String sku);");

    assertError(source, "@InvalidateTag", BAD_TAG_TEMPLATE, "@InvalidateTag(\"product:{sku\")",
        "Prices.update(String)", "the { at index 8 is not closed");
  }

  @Test
  void tagOnAVoidMethod() {
    JavaFileObject source = prices(
        "  @Tag(\"product:{sku}\") void update(String sku);");

    assertError(source, "@Tag(\"product:{sku}\")", TAG_ON_UNCACHED_METHOD,
        "@Tag(\"product:{sku}\")", "Prices.update(String)", "it returns void");
  }

  @Test
  void tagOnAWrite() {
    JavaFileObject source = prices(
        "  String price(String sku);",
        "  @Tag(\"product:{sku}\")",
        "  @Invalidate(\"price\") void update(String sku);");

    assertError(source, "@Tag(\"product:{sku}\")", TAG_ON_UNCACHED_METHOD,
        "@Tag(\"product:{sku}\")", "Prices.update(String)",
        "it is a write (@Invalidate, @Put or @InvalidateTag), never cached");
  }

  @Test
  void tagInAnInterfaceWithoutTiered() {
    JavaFileObject source = acme("Prices",
        "public interface Prices {",
        "  @Tag(\"product:{sku}\") String price(String sku);",
        "  @Tiered default String name() { return \"\"; }",
        "}");

    assertError(source, "@Tag(\"product:{sku}\")", TAG_ON_UNCACHED_METHOD,
        "@Tag(\"product:{sku}\")", "Prices.price(String)",
        "neither it nor Prices is annotated @Tiered");
  }

  @Test
  void invalidateTagOnACachedMethod() {
    JavaFileObject source = prices(
        "  @Tiered(maximumSize = 10)",
        "  @InvalidateTag(\"catalog\") String price(String sku);");

    assertError(source, "@Tiered(maximumSize = 10)", WRITE_ON_CACHED_METHOD,
        "@InvalidateTag(\"catalog\")", "Prices.price(String)");
  }

  @Test
  void invalidateTagInAnInterfaceWithoutProxy() {
    JavaFileObject source = acme("Admin",
        "public interface Admin {",
        "  @InvalidateTag(\"product:{sku}\") void save(String sku);",
        "}");

    assertError(source, "@InvalidateTag", TAG_WRITE_WITHOUT_PROXY,
        "@InvalidateTag(\"product:{sku}\")", "Admin.save(String)", "Admin");
  }

  @Test
  void anInterfaceOfTagWritesOnlyCompilesWithoutWarnings() {
    JavaFileObject source = acme("Admin",
        "@Tiered",
        "public interface Admin {",
        "  @InvalidateTag(\"product:{sku}\") void discontinue(String sku);",
        "}");

    Compilation compilation = compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.TieredAdmin").contentsAsUtf8String()
        .contains("runtime.invalidateTag(\"product:\" + sku);");
  }

  @Test
  void typeLevelTagSomeCachedMethodCannotFill() {
    JavaFileObject source = acme("Prices",
        "@Tiered",
        "@Tag(\"catalog\")",
        "@Tag(\"product:{sku}\")",
        "public interface Prices {",
        "  String price(String sku);",
        "  String name(String sku, int size);",
        "  int count();",
        "  String first(List<String> skus);",
        "}");

    assertError(source, "@Tag(\"product:{sku}\")", TYPE_TAG_UNFILLABLE,
        "@Tag(\"product:{sku}\")", "Prices",
        "Prices.count() ({sku}: no parameter is named sku), Prices.first(List) ({sku}: no"
            + " parameter is named sku)");
  }

  @Test
  void typeLevelTagFilledByEveryCacheButNotBySharedBulkMethods() {
    JavaFileObject source = acme("Prices",
        "@Tiered",
        "@Tag(\"product:{sku}\")",
        "public interface Prices {",
        "  String price(String sku);",
        "  @Bulk @Tiered(name = \"Prices.price\") Map<String, String> prices(Set<String> skus);",
        "  @Bulk Map<String, String> names(Set<String> sku);",
        "}");

    assertThat(compile(source)).succeededWithoutWarnings();
  }

  @Test
  void tagOnABulkMethodSharingACache() {
    JavaFileObject source = prices(
        "  String price(String sku);",
        "  @Bulk @Tiered(name = \"Prices.price\")",
        "  @Tag(\"product:{skus}\")",
        "  Map<String, String> prices(Set<String> skus);");

    assertError(source, "@Tag(\"product:{skus}\")", TAG_ON_SHARED_BULK,
        "@Tag(\"product:{skus}\")", "Prices.prices(Set)", "Prices.price", "Prices.price(String)");
  }

  @ParameterizedTest
  @CsvSource({"10", "0%", "50.5%", "60%", "ten%", "-5%"})
  void badJitter(String jitter) {
    JavaFileObject source = acme("Prices",
        "@Tiered(ttl = \"10m\", jitter = \"" + jitter + "\")",
        "public interface Prices {",
        "  String price(String sku);",
        "}");

    assertError(source, "jitter = ", BAD_JITTER, jitter);
  }

  @Test
  void jitterWithoutTtlIsReportedWhereTheJitterIsWritten() {
    JavaFileObject source = acme("Prices",
        "@Tiered(jitter = \"10%\")",
        "public interface Prices {",
        "  @Tiered(ttl = \"1m\") String price(String sku);",
        "  String name(String sku);",
        "}");

    assertError(source, "@Tiered(jitter", JITTER_WITHOUT_TTL, "10%", "Prices.name(String)");
  }

  @Test
  void jitterAtTheBoundsCompilesToTheShare() {
    JavaFileObject source = acme("Prices",
        "@Tiered(ttl = \"10m\", jitter = \"50%\")",
        "public interface Prices {",
        "  String price(String sku);",
        "  @Tiered(jitter = \"2.5%\") String name(String sku);",
        "  @Tiered(ttl = \"\", jitter = \"\") String plain(String sku);",
        "}");

    Compilation compilation = compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.TieredPrices").contentsAsUtf8String()
        .contains(".jitter(0.5)");
    assertThat(compilation).generatedSourceFile("com.acme.TieredPrices").contentsAsUtf8String()
        .contains(".jitter(0.025)");
  }

  private static void assertError(JavaFileObject source, String line, Message message,
      Object... arguments) {
    assertOneError(source, line, message.format(arguments));
  }
}
