package io.tiered.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import jakarta.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;

/**
 * Test inputs, and the compiler that runs the processor on them. javac gets the tests' classpath
 * without jakarta.inject, as in a project without a JSR-330 container, unless a test asks for
 * {@link #injecting} proxies.
 */
final class Sources {
  private static final String LINT = "-Xlint:all,-processing";
  private static final Path INJECT_JAR = jarOf(Inject.class);
  private static final List<File> CLASSPATH =
      Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
          .map(File::new)
          .toList();
  private static final List<File> CLASSPATH_WITHOUT_INJECT = CLASSPATH.stream()
      .filter(entry -> !entry.toPath().toAbsolutePath().equals(INJECT_JAR))
      .toList();

  private Sources() {}

  private static Path jarOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toAbsolutePath();
    } catch (URISyntaxException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /** {@code good/com/acme/PriceService.java} for {@code good("PriceService")}. */
  static JavaFileObject good(String simpleName) {
    return JavaFileObjects.forResource("good/com/acme/" + simpleName + ".java");
  }

  /** {@code expected/com/acme/TieredPriceService.java} for {@code expected("TieredPriceService")}. */
  static JavaFileObject expected(String simpleName) {
    return JavaFileObjects.forResource("expected/com/acme/" + simpleName + ".java");
  }

  /** {@code expected-injectable/com/acme/TieredQuoteService.java}: with JSR-330 annotations. */
  static JavaFileObject expectedInjectable(String simpleName) {
    return JavaFileObjects.forResource("expected-injectable/com/acme/" + simpleName + ".java");
  }

  /** {@code com.acme.<simpleName>} with the given lines, imports of the annotations added. */
  static JavaFileObject acme(String simpleName, String... lines) {
    String source = "package com.acme;\n\n"
        + "import io.tiered.Bulk;\n"
        + "import io.tiered.Fallback;\n"
        + "import io.tiered.Invalidate;\n"
        + "import io.tiered.InvalidateTag;\n"
        + "import io.tiered.Put;\n"
        + "import io.tiered.RefreshAfter;\n"
        + "import io.tiered.StaleIfError;\n"
        + "import io.tiered.Tag;\n"
        + "import io.tiered.Tiered;\n"
        + "import java.util.List;\n"
        + "import java.util.Map;\n"
        + "import java.util.Set;\n\n"
        + String.join("\n", lines) + "\n";
    return JavaFileObjects.forSourceString("com.acme." + simpleName, source);
  }

  /** Compiles with every lint but {@code processing}, so generated code must be warning-free. */
  static Compilation compile(JavaFileObject... sources) {
    return javac(new TieredProcessor()).compile(sources);
  }

  /**
   * Compiles {@code sources} as {@link #compile} does, against {@code library} as a dependency:
   * compiled beforehand, without processors, into {@code classes}, so that javac has its class
   * files only.
   */
  static Compilation compileAgainst(Path classes, JavaFileObject library,
      JavaFileObject... sources) throws IOException {
    Compilation compiled = Compiler.javac().withOptions("-proc:none").compile(library);
    for (JavaFileObject file : compiled.generatedFiles()) {
      // "/CLASS_OUTPUT/com/acme/Base.class": the location, then the class's path
      Path target = classes.resolve(file.toUri().getPath().replaceFirst("^/[^/]+/", ""));
      Files.createDirectories(target.getParent());
      try (InputStream in = file.openInputStream()) {
        Files.copy(in, target);
      }
    }
    List<File> classpath = new ArrayList<>(List.of(classes.toFile()));
    classpath.addAll(CLASSPATH_WITHOUT_INJECT);
    return javac(new TieredProcessor()).withClasspath(classpath).compile(sources);
  }

  /** The compiler of {@link #compile}, running {@code processors}. */
  static Compiler javac(Processor... processors) {
    return Compiler.javac().withProcessors(processors).withOptions(LINT)
        .withClasspath(CLASSPATH_WITHOUT_INJECT);
  }

  /**
   * The compiler of {@link #compile} with jakarta.inject on the classpath, where proxies are
   * injectable, and the processor {@code options} ({@code "-Atiered.inject=false"}).
   */
  static Compiler injecting(String... options) {
    List<String> all = new ArrayList<>(List.of(LINT));
    all.addAll(List.of(options));
    return Compiler.javac().withProcessors(new TieredProcessor()).withOptions(all)
        .withClasspath(CLASSPATH);
  }
}
