package io.tiered.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.tiered.processor.Sources.acme;
import static io.tiered.processor.validate.Message.BAD_OPTION_VALUE;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With jakarta.inject on the classpath, proxies are JSR-330 bindings unless
 * {@code -Atiered.inject=false}; names the interface shares with those annotations do not clash.
 */
class InjectionTest {
  private static final JavaFileObject PRICES = acme("Prices",
      "@Tiered",
      "public interface Prices {",
      "  String price(String sku);",
      "}");

  @ParameterizedTest
  @ValueSource(strings = {"-Atiered.inject=true", "-Atiered.inject=TRUE"})
  void injectTrueIsTheDefault(String option) {
    Compilation compilation = Sources.injecting(option).compile(PRICES);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.TieredPrices").contentsAsUtf8String()
        .contains("@Inject\n  public TieredPrices(@TieredOrigin Prices origin,");
  }

  @ParameterizedTest
  @ValueSource(strings = {"yes", ""})
  void anotherValueIsAWarningAndTheDefault(String value) {
    Compilation compilation = Sources.injecting("-Atiered.inject=" + value).compile(PRICES);

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation).hadWarningContaining("[Tiered:BAD_OPTION_VALUE] "
        + BAD_OPTION_VALUE.detail("tiered.inject", value, true));
    assertThat(compilation).generatedSourceFile("com.acme.TieredPrices").contentsAsUtf8String()
        .contains("@Singleton");
  }

  @Test
  void anOptionWithoutValueIsAWarning() {
    Compilation compilation = Sources.injecting("-Atiered.inject").compile(PRICES);

    assertThat(compilation).hadWarningContaining(
        "[Tiered:BAD_OPTION_VALUE] " + BAD_OPTION_VALUE.detail("tiered.inject", "", true));
  }

  @Test
  void interfacesNamedLikeTheAnnotations() {
    Compilation compilation = Sources.injecting().compile(
        acme("Inject", "@Tiered", "public interface Inject {", "  String find(String id);", "}"),
        acme("Singleton", "@Tiered", "public interface Singleton {", "  int count();", "}"),
        acme("TieredOrigin", "@Tiered", "public interface TieredOrigin {", "  int size();", "}"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.TieredInject").contentsAsUtf8String()
        .contains("@jakarta.inject.Inject");
    assertThat(compilation).generatedSourceFile("com.acme.TieredSingleton").contentsAsUtf8String()
        .contains("@jakarta.inject.Singleton");
    assertThat(compilation).generatedSourceFile("com.acme.TieredTieredOrigin")
        .contentsAsUtf8String().contains("@io.tiered.TieredOrigin");
  }

  @Test
  void nestedTypesNamedLikeTheAnnotations() {
    Compilation compilation = Sources.injecting().compile(acme("Repo",
        "@Tiered",
        "public interface Repo<K, V> {",
        "  V find(K id);",
        "  Inject inject(Singleton singleton);",
        "  TieredOrigin origin(String id);",
        "  record Inject(String value) {}",
        "  record Singleton(String value) {}",
        "  record TieredOrigin(String value) {}",
        "}"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.TieredRepo").contentsAsUtf8String()
        .contains("@jakarta.inject.Inject\n  public TieredRepo(@io.tiered.TieredOrigin Repo<K, V>"
            + " origin,");
  }
}
