package io.tiered.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.tiered.processor.Sources.acme;
import static io.tiered.processor.Sources.compile;

import com.google.testing.compile.Compilation;
import io.tiered.processor.validate.Message;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One test per compile error: its message, its file and its line. */
class ValidationTest {

  @Test
  void tieredOnAClass() {
    JavaFileObject source = acme("PriceClient",
        "@Tiered",
        "public class PriceClient {}");

    assertError(source, Message.TIERED_ON_NON_INTERFACE.format("PriceClient", "a class"),
        "@Tiered");
  }

  @Test
  void tieredOnAnEnum() {
    JavaFileObject source = acme("Currency",
        "@Tiered",
        "public enum Currency { EUR }");

    assertError(source, Message.TIERED_ON_NON_INTERFACE.format("Currency", "an enum"), "@Tiered");
  }

  @Test
  void tieredOnARecord() {
    JavaFileObject source = acme("Price",
        "@Tiered",
        "public record Price(long cents) {}");

    assertError(source, Message.TIERED_ON_NON_INTERFACE.format("Price", "a record"), "@Tiered");
  }

  @Test
  void tieredOnAnAnnotationType() {
    JavaFileObject source = acme("Cached",
        "@Tiered",
        "public @interface Cached {}");

    assertError(source, Message.TIERED_ON_NON_INTERFACE.format("Cached", "an annotation type"),
        "@Tiered");
  }

  @Test
  void tieredOnAMethodOfAClass() {
    JavaFileObject source = acme("PriceClient",
        "public class PriceClient {",
        "  @Tiered",
        "  public String price(String sku) { return sku; }",
        "}");

    assertError(source, Message.TIERED_METHOD_OUTSIDE_INTERFACE.format(
        "PriceClient.price(String)", "a class PriceClient"), "@Tiered");
  }

  @Test
  void privateInterface() {
    JavaFileObject source = acme("Holder",
        "public class Holder {",
        "  @Tiered",
        "  private interface Prices { String price(String sku); }",
        "}");

    assertError(source, Message.PRIVATE_INTERFACE.format("Prices", "TieredHolder_Prices"),
        "@Tiered");
  }

  @Test
  void interfaceNestedInAPrivateClass() {
    JavaFileObject source = acme("Holder",
        "public class Holder {",
        "  private static class Secret {",
        "    @Tiered",
        "    interface Prices { String price(String sku); }",
        "  }",
        "}");

    assertError(source, Message.INACCESSIBLE_INTERFACE.format(
        "Prices", "Secret", "TieredHolder_Secret_Prices", "Secret"), "@Tiered");
  }

  @Test
  void badTtl() {
    JavaFileObject source = acme("Prices",
        "@Tiered(ttl = \"5 minutes\")",
        "public interface Prices { String price(String sku); }");

    assertError(source, Message.BAD_DURATION.format("@Tiered", "ttl", "5 minutes"),
        "\"5 minutes\"");
  }

  @Test
  void badFallbackTtl() {
    JavaFileObject source = acme("Prices",
        "@Tiered",
        "public interface Prices {",
        "  @Fallback(",
        "      tier = \"shared\",",
        "      ttl = \"1x\")",
        "  String price(String sku);",
        "}");

    assertError(source, Message.BAD_DURATION.format("@Fallback", "ttl", "1x"), "\"1x\"");
  }

  @Test
  void badTtlInOneOfTwoRepeatedFallbacks() {
    JavaFileObject source = acme("Prices",
        "@Tiered",
        "public interface Prices {",
        "  @Fallback(tier = \"near\", ttl = \"1m\")",
        "  @Fallback(",
        "      tier = \"far\",",
        "      ttl = \"1x\")",
        "  String price(String sku);",
        "}");

    assertError(source, Message.BAD_DURATION.format("@Fallback", "ttl", "1x"), "\"1x\"");
  }

  @Test
  void badRefreshAfter() {
    JavaFileObject source = acme("Prices",
        "@Tiered",
        "public interface Prices {",
        "  @RefreshAfter(\"soon\")",
        "  String price(String sku);",
        "}");

    assertError(source, Message.BAD_DURATION.format("@RefreshAfter", "value", "soon"), "\"soon\"");
  }

  @Test
  void nonPositiveMaximumSize() {
    JavaFileObject source = acme("Prices",
        "@Tiered(",
        "    maximumSize = 0)",
        "public interface Prices { String price(String sku); }");

    assertError(source, Message.NON_POSITIVE_MAXIMUM_SIZE.format(0L), "maximumSize = 0");
  }

  @Test
  void genericMethod() {
    JavaFileObject source = acme("Settings",
        "@Tiered",
        "public interface Settings {",
        "  <T> T setting(String name, Class<T> type);",
        "}");

    assertError(source, Message.GENERIC_METHOD.format("Settings.setting(String, Class)"),
        "<T> T setting");
  }

  @Test
  void refreshNotShorterThanTtl() {
    JavaFileObject source = acme("Prices",
        "@Tiered(ttl = \"5m\")",
        "public interface Prices {",
        "  @RefreshAfter(\"5m\")",
        "  String price(String sku);",
        "}");

    assertError(source,
        Message.REFRESH_NOT_SHORTER_THAN_TTL.format("5m", "5m", "Prices"), "@RefreshAfter");
  }

  @Test
  void blankFallbackTier() {
    JavaFileObject source = acme("Prices",
        "@Tiered",
        "@Fallback(tier = \" \")",
        "public interface Prices { String price(String sku); }");

    assertError(source, Message.BLANK_FALLBACK_TIER.format(), "@Fallback");
  }

  @Test
  void reservedFallbackTier() {
    JavaFileObject source = acme("Prices",
        "@Tiered",
        "@Fallback(tier = \"l1\")",
        "public interface Prices { String price(String sku); }");

    assertError(source, Message.RESERVED_FALLBACK_TIER.format("l1"), "@Fallback");
  }

  @Test
  void duplicateFallbackTier() {
    JavaFileObject source = acme("Prices",
        "@Tiered",
        "@Fallback(tier = \"shared\")",
        "@Fallback(tier = \"shared\", ttl = \"1h\")",
        "public interface Prices { String price(String sku); }");

    assertError(source, Message.DUPLICATE_FALLBACK_TIER.format("shared", "Prices"),
        "@Fallback(tier = \"shared\", ttl = \"1h\")");
  }

  @Test
  void tieredVoidMethod() {
    JavaFileObject source = acme("Prices",
        "public interface Prices {",
        "  @Tiered",
        "  void update(String sku);",
        "}");

    assertError(source, Message.VOID_METHOD_TIERED.format("Prices.update(String)"), "@Tiered");
  }

  @Test
  void tieredOnARedeclaredObjectMethod() {
    JavaFileObject source = acme("Prices",
        "public interface Prices {",
        "  @Tiered String price(String sku);",
        "  @Tiered String toString();",
        "}");

    assertError(source, Message.OBJECT_METHOD_ANNOTATED.format("Prices.toString()", "Tiered"),
        "@Tiered String toString()");
  }

  @Test
  void refreshAfterOnARedeclaredEqualsOfACachedInterface() {
    JavaFileObject source = acme("Prices",
        "@Tiered(ttl = \"1h\")",
        "public interface Prices {",
        "  String price(String sku);",
        "  @RefreshAfter(\"1m\") boolean equals(Object other);",
        "}");

    assertError(source,
        Message.OBJECT_METHOD_ANNOTATED.format("Prices.equals(Object)", "RefreshAfter"),
        "@RefreshAfter(\"1m\") boolean equals");
  }

  @Test
  void methodClashingWithTieredProxy() {
    JavaFileObject source = acme("Prices",
        "@Tiered",
        "public interface Prices {",
        "  String stats();",
        "}");

    assertError(source, Message.PROXY_MEMBER_CLASH.format("Prices.stats()", "stats"),
        "String stats()");
  }

  /** Found by {@link HostileDeclarationsPropertyTest}: the proxy did not compile. */
  @Test
  void methodClashingWithWrap() {
    JavaFileObject source = acme("Prices",
        "@Tiered",
        "public interface Prices {",
        "  String price(String sku);",
        "  default Prices wrap(Prices origin) { return origin; }",
        "}");

    assertError(source,
        Message.WRAP_CLASH.format("Prices.wrap(Prices)", "TieredPrices", "Prices"),
        "Prices wrap(Prices origin)");
  }

  @Test
  void duplicateCacheName() {
    JavaFileObject source = acme("Prices",
        "public interface Prices {",
        "  @Tiered(name = \"prices\")",
        "  String price(String sku);",
        "  @Tiered(name = \"prices\") String cost(String sku);",
        "}");

    assertError(source, Message.DUPLICATE_CACHE_NAME.format(
        "prices", "Prices.cost(String)", "Prices.price(String)"), "String cost");
  }

  @Test
  void everyErrorIsReportedInOneCompile() {
    JavaFileObject source = acme("Prices",
        "@Tiered(ttl = \"later\", maximumSize = -1)",
        "@Fallback(tier = \"\")",
        "public interface Prices {",
        "  <T> T price(String sku);",
        "}");

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorCount(4);
    assertThat(compilation).hadErrorContaining(Message.BAD_DURATION.format("@Tiered", "ttl", "later"));
    assertThat(compilation).hadErrorContaining(Message.NON_POSITIVE_MAXIMUM_SIZE.format(-1L));
    assertThat(compilation).hadErrorContaining(Message.BLANK_FALLBACK_TIER.format());
    assertThat(compilation).hadErrorContaining(
        Message.GENERIC_METHOD.format("Prices.price(String)"));
  }

  private static void assertError(JavaFileObject source, String message, String line) {
    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
    assertThat(compilation).hadErrorCount(1);
  }
}
