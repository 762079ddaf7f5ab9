package io.tiered.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiered.Tiered;
import io.tiered.runtime.TieredProxy;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * A build that did not run the processor: the interfaces are compiled here by javac without it
 * ({@code -proc:none}, what JDK 23+ does when tiered-processor is merely on the class path), so
 * they carry {@code @Tiered} and have no generated proxy.
 */
@ExtendWith(OutputCaptureExtension.class)
class MissingProxyTest {
  @TempDir static Path build;
  private static Class<?> quotes;
  private static Class<?> rates;

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(TieredAutoConfiguration.class));

  @BeforeAll
  static void compileWithoutTheProcessor() throws Exception {
    Path sources = Files.createDirectories(build.resolve("src/com/acme"));
    Path classes = Files.createDirectories(build.resolve("classes"));
    Files.writeString(sources.resolve("Quotes.java"), """
        package com.acme;
        public interface Quotes {
          @io.tiered.Tiered(ttl = "1m") String quote(String sku);
        }
        """);
    Files.writeString(sources.resolve("Rates.java"), """
        package com.acme;
        @io.tiered.Tiered public interface Rates { String rate(String currency); }
        """);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status = javac.run(null, null, null, "-proc:none", "-d", classes.toString(),
        "-classpath", Path.of(Tiered.class.getProtectionDomain().getCodeSource().getLocation()
            .toURI()).toString(),
        sources.resolve("Quotes.java").toString(), sources.resolve("Rates.java").toString());
    assertThat(status).isZero();
    ClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
        MissingProxyTest.class.getClassLoader());
    quotes = loader.loadClass("com.acme.Quotes");
    rates = loader.loadClass("com.acme.Rates");
  }

  @Test
  void aBeanOfAnInterfaceWithATieredMethodAndNoProxyFailsTheStartSayingHowToFixTheBuild() {
    runner.withBean("quotes", Object.class, () -> implementation(quotes)).run(context -> {
      assertThat(context).hasFailed();
      assertThat(rootMessage(context.getStartupFailure())).contains(
          "Bean 'quotes'", "implements com.acme.Quotes, which carries @Tiered",
          "com.acme.TieredQuotes", "tiered-processor did not run", "JDK 23",
          "<annotationProcessorPaths>", "Lombok", "annotationProcessor(",
          "tiered.require-proxies=false");
    });
  }

  @Test
  void bootsFailureReportSaysWhatHappenedThenTheFix() {
    // Boot's own analyzers need arguments only a SpringApplication passes: skip them.
    List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
        .load(FailureAnalyzer.class, null, (factory, type, failure) -> { });
    runner.withBean("quotes", Object.class, () -> implementation(quotes)).run(context -> {
      FailureAnalysis analysis = analyzers.stream()
          .map(analyzer -> analyzer.analyze(context.getStartupFailure()))
          .filter(Objects::nonNull)
          .findFirst()
          .orElseThrow();

      assertThat(analysis.getDescription())
          .contains("Bean 'quotes'", "com.acme.TieredQuotes", "would run uncached")
          .doesNotContain("annotationProcessorPaths");
      assertThat(analysis.getAction())
          .contains("<annotationProcessorPaths>", "tiered.require-proxies=false");
    });
  }

  @Test
  void aBeanOfATieredInterfaceWithNoProxyFailsTheStart() {
    runner.withBean("rates", Object.class, () -> implementation(rates)).run(context -> {
      assertThat(context).hasFailed();
      assertThat(rootMessage(context.getStartupFailure()))
          .contains("Bean 'rates'", "com.acme.Rates", "com.acme.TieredRates");
    });
  }

  @Test
  void withoutRequiredProxiesTheBeanRunsUncachedAfterAWarning(CapturedOutput output) {
    runner.withPropertyValues("tiered.require-proxies=false")
        .withBean("quotes", Object.class, () -> implementation(quotes))
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean("quotes")).isNotInstanceOf(TieredProxy.class);
          assertThat(output).contains("WARN", "Bean 'quotes'", "com.acme.Quotes",
              "<annotationProcessorPaths>");
        });
  }

  @Test
  void wrappingTurnedOffChecksNothing() {
    runner.withPropertyValues("tiered.enabled=false")
        .withBean("quotes", Object.class, () -> implementation(quotes))
        .run(context -> assertThat(context).hasNotFailed());
  }

  /** A bean implementing {@code iface} whose every method answers its name. */
  private static Object implementation(Class<?> iface) {
    return Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface},
        (proxy, method, arguments) -> switch (method.getName()) {
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == arguments[0];
          default -> method.getName();
        });
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
