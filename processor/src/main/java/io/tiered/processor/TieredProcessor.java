package io.tiered.processor;

import com.google.auto.service.AutoService;
import io.tiered.processor.validate.FindingPrinter;
import io.tiered.processor.validate.ResolutionValidator;
import io.tiered.processor.validate.ValidationReport;
import java.util.HashSet;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * Generates a caching proxy, {@code TieredX}, for every interface {@code X} that carries
 * {@code @Tiered} on itself or one of its methods. Declared isolating for incremental builds:
 * each proxy depends on its interface only.
 */
@AutoService(Processor.class)
public final class TieredProcessor extends AbstractProcessor {
  private final UnaryOperator<InterfaceStep> decorator;
  private FindingPrinter printer;
  private CrashGuard guard;
  private RoundInterfaces interfaces;
  private ResolutionValidator resolution;
  private InterfaceStep step;

  public TieredProcessor() {
    this(UnaryOperator.identity());
  }

  /** For tests: {@code decorator} wraps the step every interface goes through. */
  TieredProcessor(UnaryOperator<InterfaceStep> decorator) {
    this.decorator = decorator;
  }

  @Override
  public synchronized void init(ProcessingEnvironment environment) {
    super.init(environment);
    printer = new FindingPrinter(environment);
    guard = new CrashGuard(printer);
    interfaces = new RoundInterfaces(environment.getElementUtils(), printer, guard);
    resolution =
        new ResolutionValidator(environment.getElementUtils(), environment.getTypeUtils());
    ProcessorOptions options = ProcessorOptions.read(environment);
    step = decorator.apply(new ProxyStep(environment, options, printer));
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    Set<String> names = new HashSet<>();
    RoundInterfaces.ANNOTATIONS.forEach(annotation -> names.add(annotation.getCanonicalName()));
    return names;
  }

  @Override
  public Set<String> getSupportedOptions() {
    return ProcessorOptions.NAMES;
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    for (TypeElement type : interfaces.of(round)) {
      guard.run(type, () -> process(type, round.processingOver()));
    }
    return false;
  }

  /**
   * Runs the step on {@code type} once javac knows every type its proxy names and every value of
   * its annotations; until then the interface waits for the next round, and in the last one its
   * unknown types are reported (javac reports unknown values itself).
   */
  private void process(TypeElement type, boolean lastRound) {
    if (resolution.hasUnresolvedValues(type)) {
      if (!lastRound) {
        interfaces.defer(type);
      }
      return;
    }
    ValidationReport resolved = resolution.validate(type);
    if (resolved.isClean()) {
      step.process(type);
    } else if (lastRound) {
      printer.print(resolved);
    } else {
      interfaces.defer(type);
    }
  }
}
