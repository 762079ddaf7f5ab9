package io.tiered.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;

/** Test inputs, and the compiler that runs the processor on them. */
final class Sources {
  private Sources() {}

  /** {@code good/com/acme/PriceService.java} for {@code good("PriceService")}. */
  static JavaFileObject good(String simpleName) {
    return JavaFileObjects.forResource("good/com/acme/" + simpleName + ".java");
  }

  /** {@code expected/com/acme/TieredPriceService.java} for {@code expected("TieredPriceService")}. */
  static JavaFileObject expected(String simpleName) {
    return JavaFileObjects.forResource("expected/com/acme/" + simpleName + ".java");
  }

  /** {@code com.acme.<simpleName>} with the given lines, imports of the annotations added. */
  static JavaFileObject acme(String simpleName, String... lines) {
    String source = "package com.acme;\n\n"
        + "import io.tiered.Fallback;\n"
        + "import io.tiered.RefreshAfter;\n"
        + "import io.tiered.Tiered;\n"
        + "import java.util.List;\n\n"
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
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classpath.add(new File(entry));
    }
    return javac(new TieredProcessor()).withClasspath(classpath).compile(sources);
  }

  /** The compiler of {@link #compile}, running {@code processors}. */
  static Compiler javac(Processor... processors) {
    return Compiler.javac().withProcessors(processors).withOptions("-Xlint:all,-processing");
  }
}
