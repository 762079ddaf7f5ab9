package io.tiered.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.tiered.processor.Sources.acme;
import static io.tiered.processor.validate.Message.PROCESSOR_CRASHED;

import com.google.testing.compile.Compilation;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.annotation.processing.RoundEnvironment;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A bug that makes the processor throw on one interface costs that interface only. */
class CrashIsolationTest {

  @ParameterizedTest
  @ValueSource(classes = {IllegalStateException.class, StackOverflowError.class})
  void aCrashIsReportedOnItsInterfaceAndTheOthersAreGenerated(Class<? extends Throwable> kind) {
    JavaFileObject first = acme("Audit", "@Tiered", "interface Audit { String a(int id); }");
    JavaFileObject broken = acme("Broken", "@Tiered", "interface Broken { String b(int id); }");
    JavaFileObject last = acme("Prices", "@Tiered", "interface Prices { String c(int id); }");
    ProxiesInLastRound proxies = new ProxiesInLastRound("Audit", "Broken", "Prices");

    Compilation compilation = Sources.javac(new TieredProcessor(step -> type -> {
      if (type.getSimpleName().contentEquals("Broken")) {
        crash(kind);
      }
      step.process(type);
    }), proxies).compile(first, broken, last);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[Tiered:PROCESSOR_CRASHED] "
            + PROCESSOR_CRASHED.detail("Broken", kind.getName() + ": injected"))
        .inFile(broken).onLineContaining("interface Broken");
    String text = compilation.errors().get(0).getMessage(Locale.ROOT);
    assertThat(text).contains("\tat " + CrashIsolationTest.class.getName() + ".crash(");
    assertThat(text.split("\tat ")).hasLength(1 + 5);
    assertThat(proxies.found).containsExactly("com.acme.TieredAudit", "com.acme.TieredPrices");
  }

  /** Throws what a bug could: an exception, or an error such as a stack overflow. */
  private static void crash(Class<? extends Throwable> kind) {
    if (kind == StackOverflowError.class) {
      throw new StackOverflowError("injected");
    }
    throw new IllegalStateException("injected");
  }

  /**
   * Finds which of the proxies exist in the last round, where javac has entered the sources
   * generated before it. (Compile-testing hides the generated files of a failed compilation.)
   */
  private static final class ProxiesInLastRound extends RoundListener {
    private final Set<String> candidates = new TreeSet<>();
    final Set<String> found = new TreeSet<>();

    ProxiesInLastRound(String... interfaces) {
      Stream.of(interfaces).map(name -> "com.acme.Tiered" + name).forEach(candidates::add);
    }

    @Override
    void round(RoundEnvironment round) {
      if (round.processingOver()) {
        candidates.stream()
            .filter(name -> processingEnv.getElementUtils().getTypeElement(name) != null)
            .forEach(found::add);
      }
    }
  }
}
