package io.tiered.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.tiered.processor.Sources.acme;
import static io.tiered.processor.Sources.compile;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Legal declarations compile without a warning, generated code included. */
class GoodInputTest {

  @Test
  void genericInterfaceWithInheritedMethods() throws IOException {
    JavaFileObject source = acme("Repo",
        "interface Base<K, V> { V find(K id); List<V> both(K first, K second); void save(V v); }",
        "@Tiered",
        "public interface Repo<K extends Comparable<K>, V> extends Base<K, V> {",
        "  V[] many(K[] ids);",
        "}");

    Compilation compilation = compile(source);

    assertThat(compilation).succeededWithoutWarnings();
    String proxy = generated(compilation, "com.acme.TieredRepo");
    assertThat(proxy).contains("public final class TieredRepo<K extends Comparable<K>, V>");
    assertThat(proxy).contains("implements Repo<K, V>, TieredProxy");
    assertThat(proxy).contains("public record BothKey<K extends Comparable<K>, V>(K first, K second)");
    assertThat(proxy).contains("Object[].class");
    assertThat(proxy).contains("public void save(V v)");
  }

  @Test
  void nestedInterfaceAndMethodLevelSettings() throws IOException {
    JavaFileObject source = acme("Outer",
        "public class Outer {",
        "  @Tiered(name = \"prices\", ttl = \"10m\")",
        "  public interface Inner {",
        "    @Tiered(maximumSize = 50_000)",
        "    @RefreshAfter(\"PT30S\")",
        "    String price(String sku);",
        "    @Tiered(name = \"custom\")",
        "    String cost(String sku);",
        "  }",
        "}");

    Compilation compilation = compile(source);

    assertThat(compilation).succeededWithoutWarnings();
    String proxy = generated(compilation, "com.acme.TieredOuter_Inner");
    assertThat(proxy).contains("builder(\"prices.price\"");
    assertThat(proxy).contains(".maximumSize(50_000)");
    assertThat(proxy).contains(".ttl(Duration.ofMinutes(10))");
    assertThat(proxy).contains(".refreshAfter(Duration.ofSeconds(30))");
    assertThat(proxy).contains("builder(\"custom\"");
  }

  @Test
  void overloadsAndClashingNames() throws IOException {
    JavaFileObject source = acme("Names",
        "@Tiered",
        "public interface Names {",
        "  String name(String origin);",
        "  String name(String runtime, int key);",
        "  String nameStringCache();",
        "  String pair(int hashCode, int[] other);",
        "}");

    Compilation compilation = compile(source);

    assertThat(compilation).succeededWithoutWarnings();
    String proxy = generated(compilation, "com.acme.TieredNames");
    assertThat(proxy).contains("TieredCache<String, String> nameStringCache2()");
    assertThat(proxy).contains("TieredCache<NameStringIntKey, String> nameStringIntCache()");
    assertThat(proxy).contains("TieredCache<NoKey, String> nameStringCacheCache()");
    assertThat(proxy).contains("builder(\"Names.name(String, int)\"");
    assertThat(proxy).contains("record PairKey(int hashCodeValue, int[] other)");
    assertThat(proxy).contains("Arrays.equals(other, that.other)");
  }

  /** Found by {@link HostileDeclarationsPropertyTest}: {@code Duration.ofMinutes} did not compile. */
  @Test
  void nestedTypesNamedLikeTheProxysImports() throws IOException {
    JavaFileObject source = acme("Prices",
        "@Tiered(ttl = \"5m\")",
        "public interface Prices {",
        "  final class Duration {}",
        "  final class Objects {}",
        "  final class TieredCache {}",
        "  final class Override {}",
        "  Duration price(String sku, int quantity);",
        "}");

    Compilation compilation = compile(source);

    assertThat(compilation).succeededWithoutWarnings();
    String proxy = generated(compilation, "com.acme.TieredPrices");
    assertThat(proxy).contains("java.time.Duration.ofMinutes(5)");
    assertThat(proxy).contains("TieredCache<PriceKey, Prices.Duration>");
  }

  /** Found by {@link HostileDeclarationsPropertyTest}: the loader's stage had the wrong type. */
  @Test
  void futuresOfWildcards() throws IOException {
    JavaFileObject source = acme("Prices",
        "import java.util.concurrent.CompletableFuture;",
        "import java.util.concurrent.CompletionStage;",
        "@Tiered",
        "public interface Prices {",
        "  CompletableFuture<?> any();",
        "  CompletableFuture<? extends Number> price(String sku);",
        "  CompletionStage<? super Integer> count(String sku, int shop);",
        "}");

    Compilation compilation = compile(source);

    assertThat(compilation).succeededWithoutWarnings();
    String proxy = generated(compilation, "com.acme.TieredPrices");
    assertThat(proxy).contains("key -> origin.any().thenApply(value -> value)");
    assertThat(proxy).contains("key -> origin.price(key).thenApply(value -> value)");
    assertThat(proxy).contains("TieredCache<CountKey, Object> countCache");
  }

  /** The default runtime binds no tier: a proxy that needs one has no wrap(origin) to fail. */
  @Test
  void wrapOnlyForInterfacesWithoutFallbackTiers() throws IOException {
    JavaFileObject local = acme("Local",
        "@Tiered",
        "public interface Local {",
        "  String price(String sku);",
        "}");
    JavaFileObject shared = acme("Shared",
        "public interface Shared {",
        "  @Tiered String price(String sku);",
        "  @Tiered @Fallback(tier = \"shared\") String cost(String sku);",
        "}");

    Compilation compilation = compile(local, shared);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(generated(compilation, "com.acme.TieredLocal"))
        .contains("public static TieredLocal wrap(Local origin)");
    assertThat(generated(compilation, "com.acme.TieredShared")).doesNotContain(" wrap(");
  }

  @Test
  void registeredWithAutoServiceAndDeclaredIsolating() throws IOException {
    assertThat(resource("META-INF/services/javax.annotation.processing.Processor"))
        .contains(TieredProcessor.class.getName());
    assertThat(resource("META-INF/gradle/incremental.annotation.processors"))
        .isEqualTo(TieredProcessor.class.getName() + ",isolating\n");
  }

  private static String generated(Compilation compilation, String name) throws IOException {
    return compilation.generatedSourceFile(name).orElseThrow().getCharContent(true).toString();
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = TieredProcessor.class.getClassLoader().getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
