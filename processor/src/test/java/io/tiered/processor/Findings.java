package io.tiered.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.tiered.processor.Sources.compile;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;

/** The validation tests' one assertion: a compilation failed with exactly one error, where. */
final class Findings {
  private Findings() {}

  /** Compiling {@code source} fails with one error, {@code message}, on {@code line} of it. */
  static void assertOneError(JavaFileObject source, String line, String message) {
    assertOneError(compile(source), source, line, message);
  }

  /** {@code compilation} failed with one error, {@code message}, on {@code line} of source. */
  static void assertOneError(Compilation compilation, JavaFileObject source, String line,
      String message) {
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
    assertThat(compilation).hadErrorCount(1);
  }
}
