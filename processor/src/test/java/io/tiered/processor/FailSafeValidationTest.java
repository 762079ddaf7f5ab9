package io.tiered.processor;

import static io.tiered.processor.Findings.assertOneError;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.tiered.processor.Sources.acme;
import static io.tiered.processor.Sources.compile;
import static io.tiered.processor.validate.Message.BAD_DURATION;
import static io.tiered.processor.validate.Message.NOT_CACHED;
import static io.tiered.processor.validate.Message.NULL_TTL_LONGER_THAN_TTL;
import static io.tiered.processor.validate.Message.SOFT_TIMEOUT_NOT_SHORTER_THAN_TTL;
import static io.tiered.processor.validate.Message.STALE_WITHOUT_TTL;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The compile errors of {@code @StaleIfError} and {@code nullTtl}: message, file and line. */
class FailSafeValidationTest {

  @Test
  void badStaleWindow() {
    JavaFileObject source = acme("Prices",
        "@Tiered(ttl = \"5m\")",
        "public interface Prices {",
        "  @StaleIfError(\"an hour\")",
        "  String price(String sku);",
        "}");

    assertOneError(source, "an hour",
        "[Tiered:BAD_DURATION] " + BAD_DURATION.detail("@StaleIfError", "value", "an hour"));
  }

  @Test
  void badSoftTimeout() {
    JavaFileObject source = acme("Prices",
        "@Tiered(ttl = \"5m\")",
        "@StaleIfError(",
        "    value = \"1h\",",
        "    softTimeout = \"-1s\")",
        "public interface Prices { String price(String sku); }");

    assertOneError(source, "softTimeout = \"-1s\"",
        "[Tiered:BAD_DURATION] " + BAD_DURATION.detail("@StaleIfError", "softTimeout", "-1s"));
  }

  @Test
  void badNullTtl() {
    JavaFileObject source = acme("Prices",
        "@Tiered(ttl = \"5m\")",
        "public interface Prices {",
        "  @Tiered(",
        "      nullTtl = \"0s\")",
        "  String price(String sku);",
        "}");

    assertOneError(source, "nullTtl = \"0s\"",
        "[Tiered:BAD_DURATION] " + BAD_DURATION.detail("@Tiered", "nullTtl", "0s"));
  }

  @Test
  void staleWithoutTtl() {
    JavaFileObject source = acme("Prices",
        "@Tiered",
        "public interface Prices {",
        "  @StaleIfError(\"1h\")",
        "  String price(String sku);",
        "}");

    assertOneError(source, "@StaleIfError",
        "[Tiered:STALE_WITHOUT_TTL] " + STALE_WITHOUT_TTL.detail("1h", "Prices.price(String)"));
  }

  @Test
  void softTimeoutNotShorterThanTtl() {
    JavaFileObject source = acme("Prices",
        "@Tiered(ttl = \"1s\")",
        "public interface Prices {",
        "  @StaleIfError(value = \"1h\",",
        "      softTimeout = \"1s\")",
        "  String price(String sku);",
        "}");

    assertOneError(source, "softTimeout = \"1s\"",
        "[Tiered:SOFT_TIMEOUT_NOT_SHORTER_THAN_TTL] "
            + SOFT_TIMEOUT_NOT_SHORTER_THAN_TTL.detail("1s", "1s", "Prices"));
  }

  @Test
  void nullTtlLongerThanTtl() {
    JavaFileObject source = acme("Prices",
        "@Tiered(ttl = \"5m\")",
        "public interface Prices {",
        "  @Tiered(",
        "      nullTtl = \"6m\")",
        "  String price(String sku);",
        "}");

    assertOneError(source, "nullTtl = \"6m\"",
        "[Tiered:NULL_TTL_LONGER_THAN_TTL] "
            + NULL_TTL_LONGER_THAN_TTL.detail("6m", "5m", "Prices"));
  }

  @Test
  void staleIfErrorOnAnUncachedMethodWarns() {
    JavaFileObject source = acme("Prices",
        "public interface Prices {",
        "  @Tiered(ttl = \"5m\") String price(String sku);",
        "  @StaleIfError(\"1h\") String name(String sku);",
        "}");

    Compilation compilation = compile(source);

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningContaining("[Tiered:NOT_CACHED] " + NOT_CACHED.detail(
        "StaleIfError", "Prices.name(String)",
        "neither it nor Prices is annotated @Tiered")).inFile(source).onLineContaining("name");
  }

  @Test
  void aMethodLevelStaleIfErrorReplacesTheTypeLevelOneWholesale() {
    // The type-level soft timeout would be too long for the method's ttl; the method's own
    // @StaleIfError, without one, replaces it, so this compiles.
    JavaFileObject source = acme("Prices",
        "@Tiered(ttl = \"5m\")",
        "@StaleIfError(value = \"1h\", softTimeout = \"1m\")",
        "public interface Prices {",
        "  @Tiered(ttl = \"30s\") @StaleIfError(\"10m\") String price(String sku);",
        "}");

    Compilation compilation = compile(source);

    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("com.acme.TieredPrices")
        .contentsAsUtf8String().contains(".staleIfError(Duration.ofMinutes(10), null)");
  }
}
