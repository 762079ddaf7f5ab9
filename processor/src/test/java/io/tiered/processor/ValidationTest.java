package io.tiered.processor;

import static io.tiered.processor.Findings.assertOneError;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.tiered.processor.Sources.acme;
import static io.tiered.processor.Sources.compile;
import static io.tiered.processor.Sources.compileAgainst;
import static io.tiered.processor.validate.Message.BAD_DURATION;
import static io.tiered.processor.validate.Message.BLANK_FALLBACK_TIER;
import static io.tiered.processor.validate.Message.DUPLICATE_CACHE_NAME;
import static io.tiered.processor.validate.Message.DUPLICATE_FALLBACK_TIER;
import static io.tiered.processor.validate.Message.GENERIC_METHOD;
import static io.tiered.processor.validate.Message.INACCESSIBLE_INTERFACE;
import static io.tiered.processor.validate.Message.NON_POSITIVE_MAXIMUM_SIZE;
import static io.tiered.processor.validate.Message.OBJECT_METHOD_ANNOTATED;
import static io.tiered.processor.validate.Message.PRIVATE_INTERFACE;
import static io.tiered.processor.validate.Message.PROXY_MEMBER_CLASH;
import static io.tiered.processor.validate.Message.PROXY_NAME_HIDDEN;
import static io.tiered.processor.validate.Message.REFRESH_NOT_SHORTER_THAN_TTL;
import static io.tiered.processor.validate.Message.RESERVED_FALLBACK_TIER;
import static io.tiered.processor.validate.Message.TIERED_METHOD_OUTSIDE_INTERFACE;
import static io.tiered.processor.validate.Message.TIERED_ON_NON_INTERFACE;
import static io.tiered.processor.validate.Message.VOID_METHOD_TIERED;
import static io.tiered.processor.validate.Message.WRAP_CLASH;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per compile error: its message, its file and its line. */
class ValidationTest {

  @Test
  void tieredOnAClass() {
    JavaFileObject source = acme("PriceClient",
        "@Tiered",
        "public class PriceClient {}");

    assertOneError(source, "@Tiered",
        "[Tiered:TIERED_ON_NON_INTERFACE] "
            + TIERED_ON_NON_INTERFACE.detail("PriceClient", "a class"));
  }

  @Test
  void tieredOnAnEnum() {
    JavaFileObject source = acme("Currency",
        "@Tiered",
        "public enum Currency { EUR }");

    assertOneError(source, "@Tiered",
        "[Tiered:TIERED_ON_NON_INTERFACE] "
            + TIERED_ON_NON_INTERFACE.detail("Currency", "an enum"));
  }

  @Test
  void tieredOnARecord() {
    JavaFileObject source = acme("Price",
        "@Tiered",
        "public record Price(long cents) {}");

    assertOneError(source, "@Tiered",
        "[Tiered:TIERED_ON_NON_INTERFACE] " + TIERED_ON_NON_INTERFACE.detail("Price", "a record"));
  }

  @Test
  void tieredOnAnAnnotationType() {
    JavaFileObject source = acme("Cached",
        "@Tiered",
        "public @interface Cached {}");

    assertOneError(source, "@Tiered",
        "[Tiered:TIERED_ON_NON_INTERFACE] "
            + TIERED_ON_NON_INTERFACE.detail("Cached", "an annotation type"));
  }

  @Test
  void tieredOnAMethodOfAClass() {
    JavaFileObject source = acme("PriceClient",
        "public class PriceClient {",
        "  @Tiered",
        "  public String price(String sku) { return sku; }",
        "}");

    assertOneError(source, "@Tiered",
        "[Tiered:TIERED_METHOD_OUTSIDE_INTERFACE] "
            + TIERED_METHOD_OUTSIDE_INTERFACE.detail("PriceClient.price(String)",
                "a class PriceClient"));
  }

  @Test
  void privateInterface() {
    JavaFileObject source = acme("Holder",
        "public class Holder {",
        "  @Tiered",
        "  private interface Prices { String price(String sku); }",
        "}");

    assertOneError(source, "@Tiered",
        "[Tiered:PRIVATE_INTERFACE] " + PRIVATE_INTERFACE.detail("Prices", "TieredHolder_Prices"));
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

    assertOneError(source, "@Tiered",
        "[Tiered:INACCESSIBLE_INTERFACE] "
            + INACCESSIBLE_INTERFACE.detail("Prices", "Secret", "TieredHolder_Secret_Prices",
                "Secret"));
  }

  @Test
  void memberTypeNamedLikeTheProxy() {
    JavaFileObject source = acme("Prices",
        "@Tiered",
        "public interface Prices {",
        "  record TieredPrices(long cents) {}",
        "  TieredPrices price(String sku);",
        "}");

    assertOneError(source, "record TieredPrices", "[Tiered:PROXY_NAME_HIDDEN] "
        + PROXY_NAME_HIDDEN.detail("com.acme.Prices.TieredPrices", "TieredPrices"));
  }

  @Test
  void memberTypeOfASuperInterfaceNamedLikeTheProxy() {
    JavaFileObject base = acme("Base",
        "public interface Base {",
        "  final class TieredPrices {}",
        "}");
    JavaFileObject source = acme("Prices",
        "@Tiered",
        "public interface Prices extends Base {",
        "  String price(String sku);",
        "}");

    assertOneError(compile(base, source), source, "@Tiered", "[Tiered:PROXY_NAME_HIDDEN] "
        + PROXY_NAME_HIDDEN.detail("com.acme.Base.TieredPrices", "TieredPrices"));
  }

  @Test
  void badTtl() {
    JavaFileObject source = acme("Prices",
        "@Tiered(ttl = \"5 minutes\")",
        "public interface Prices { String price(String sku); }");

    assertOneError(source, "\"5 minutes\"",
        "[Tiered:BAD_DURATION] " + BAD_DURATION.detail("@Tiered", "ttl", "5 minutes"));
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

    assertOneError(source, "\"1x\"",
        "[Tiered:BAD_DURATION] " + BAD_DURATION.detail("@Fallback", "ttl", "1x"));
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

    assertOneError(source, "\"1x\"",
        "[Tiered:BAD_DURATION] " + BAD_DURATION.detail("@Fallback", "ttl", "1x"));
  }

  @Test
  void badRefreshAfter() {
    JavaFileObject source = acme("Prices",
        "@Tiered",
        "public interface Prices {",
        "  @RefreshAfter(\"soon\")",
        "  String price(String sku);",
        "}");

    assertOneError(source, "\"soon\"",
        "[Tiered:BAD_DURATION] " + BAD_DURATION.detail("@RefreshAfter", "value", "soon"));
  }

  @Test
  void nonPositiveMaximumSize() {
    JavaFileObject source = acme("Prices",
        "@Tiered(",
        "    maximumSize = 0)",
        "public interface Prices { String price(String sku); }");

    assertOneError(source, "maximumSize = 0",
        "[Tiered:NON_POSITIVE_MAXIMUM_SIZE] " + NON_POSITIVE_MAXIMUM_SIZE.detail(0L));
  }

  @Test
  void genericMethod() {
    JavaFileObject source = acme("Settings",
        "@Tiered",
        "public interface Settings {",
        "  <T> T setting(String name, Class<T> type);",
        "}");

    assertOneError(source, "<T> T setting",
        "[Tiered:GENERIC_METHOD] " + GENERIC_METHOD.detail("Settings.setting(String, Class)"));
  }

  @Test
  void refreshNotShorterThanTtl() {
    JavaFileObject source = acme("Prices",
        "@Tiered(ttl = \"5m\")",
        "public interface Prices {",
        "  @RefreshAfter(\"5m\")",
        "  String price(String sku);",
        "}");

    assertOneError(source, "@RefreshAfter",
        "[Tiered:REFRESH_NOT_SHORTER_THAN_TTL] "
            + REFRESH_NOT_SHORTER_THAN_TTL.detail("5m", "5m", "Prices"));
  }

  @Test
  void blankFallbackTier() {
    JavaFileObject source = acme("Prices",
        "@Tiered",
        "@Fallback(tier = \" \")",
        "public interface Prices { String price(String sku); }");

    assertOneError(source, "@Fallback",
        "[Tiered:BLANK_FALLBACK_TIER] " + BLANK_FALLBACK_TIER.detail());
  }

  @Test
  void reservedFallbackTier() {
    JavaFileObject source = acme("Prices",
        "@Tiered",
        "@Fallback(tier = \"l1\")",
        "public interface Prices { String price(String sku); }");

    assertOneError(source, "@Fallback",
        "[Tiered:RESERVED_FALLBACK_TIER] " + RESERVED_FALLBACK_TIER.detail("l1"));
  }

  @Test
  void duplicateFallbackTier() {
    JavaFileObject source = acme("Prices",
        "@Tiered",
        "@Fallback(tier = \"shared\")",
        "@Fallback(tier = \"shared\", ttl = \"1h\")",
        "public interface Prices { String price(String sku); }");

    assertOneError(source, "@Fallback(tier = \"shared\", ttl = \"1h\")",
        "[Tiered:DUPLICATE_FALLBACK_TIER] " + DUPLICATE_FALLBACK_TIER.detail("shared", "Prices"));
  }

  @Test
  void tieredVoidMethod() {
    JavaFileObject source = acme("Prices",
        "public interface Prices {",
        "  @Tiered",
        "  void update(String sku);",
        "}");

    assertOneError(source, "@Tiered",
        "[Tiered:VOID_METHOD_TIERED] " + VOID_METHOD_TIERED.detail("Prices.update(String)"));
  }

  @Test
  void tieredOnARedeclaredObjectMethod() {
    JavaFileObject source = acme("Prices",
        "public interface Prices {",
        "  @Tiered String price(String sku);",
        "  @Tiered String toString();",
        "}");

    assertOneError(source, "@Tiered String toString()",
        "[Tiered:OBJECT_METHOD_ANNOTATED] "
            + OBJECT_METHOD_ANNOTATED.detail("Prices.toString()", "Tiered"));
  }

  @Test
  void refreshAfterOnARedeclaredEqualsOfACachedInterface() {
    JavaFileObject source = acme("Prices",
        "@Tiered(ttl = \"1h\")",
        "public interface Prices {",
        "  String price(String sku);",
        "  @RefreshAfter(\"1m\") boolean equals(Object other);",
        "}");

    assertOneError(source, "@RefreshAfter(\"1m\") boolean equals",
        "[Tiered:OBJECT_METHOD_ANNOTATED] "
            + OBJECT_METHOD_ANNOTATED.detail("Prices.equals(Object)", "RefreshAfter"));
  }

  @Test
  void methodClashingWithTieredProxy() {
    JavaFileObject source = acme("Prices",
        "@Tiered",
        "public interface Prices {",
        "  String stats();",
        "}");

    assertOneError(source, "String stats()",
        "[Tiered:PROXY_MEMBER_CLASH] " + PROXY_MEMBER_CLASH.detail("Prices.stats()", "stats"));
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

    assertOneError(source, "Prices wrap(Prices origin)",
        "[Tiered:WRAP_CLASH] "
            + WRAP_CLASH.detail("Prices.wrap(Prices)", "TieredPrices", "Prices"));
  }

  @Test
  void duplicateCacheName() {
    JavaFileObject source = acme("Prices",
        "public interface Prices {",
        "  @Tiered(name = \"prices\")",
        "  String price(String sku);",
        "  @Tiered(name = \"prices\") String cost(String sku);",
        "}");

    assertOneError(source, "String cost",
        "[Tiered:DUPLICATE_CACHE_NAME] "
            + DUPLICATE_CACHE_NAME.detail("prices", "Prices.cost(String)", "Prices.price(String)"));
  }

  @Test
  void badDurationOnAMethodInheritedFromALibrary(@TempDir Path classes) throws IOException {
    JavaFileObject base = acme("Base",
        "public interface Base {",
        "  @Fallback(tier = \"shared\", ttl = \"1x\")",
        "  String price(String sku);",
        "}");
    JavaFileObject source = acme("Prices",
        "@Tiered",
        "public interface Prices extends Base {}");

    assertOneError(compileAgainst(classes, base, source), source, "public interface Prices",
        "[Tiered:BAD_DURATION] price(String) inherited from com.acme.Base: "
            + BAD_DURATION.detail("@Fallback", "ttl", "1x"));
  }

  @Test
  void genericMethodInheritedFromAnotherFile() {
    JavaFileObject base = acme("Base",
        "public interface Base {",
        "  <T> T setting(String name, Class<T> type);",
        "}");
    JavaFileObject source = acme("Settings",
        "@Tiered",
        "public interface Settings extends Base {}");

    assertOneError(compile(base, source), source, "public interface Settings",
        "[Tiered:GENERIC_METHOD] setting(String, Class) inherited from com.acme.Base: "
            + GENERIC_METHOD.detail("Settings.setting(String, Class)"));
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
    assertThat(compilation).hadErrorContaining("[Tiered:BAD_DURATION] "
        + BAD_DURATION.detail("@Tiered", "ttl", "later"));
    assertThat(compilation).hadErrorContaining("[Tiered:NON_POSITIVE_MAXIMUM_SIZE] "
        + NON_POSITIVE_MAXIMUM_SIZE.detail(-1L));
    assertThat(compilation).hadErrorContaining("[Tiered:BLANK_FALLBACK_TIER] "
        + BLANK_FALLBACK_TIER.detail());
    assertThat(compilation).hadErrorContaining(
        "[Tiered:GENERIC_METHOD] " + GENERIC_METHOD.detail("Prices.price(String)"));
  }
}
