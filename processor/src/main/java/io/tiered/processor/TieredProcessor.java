package io.tiered.processor;

import com.google.auto.common.MoreElements;
import com.google.auto.common.SuperficialValidation;
import com.google.auto.service.AutoService;
import io.tiered.Fallback;
import io.tiered.RefreshAfter;
import io.tiered.Tiered;
import io.tiered.processor.validate.FindingPrinter;
import io.tiered.processor.validate.TargetValidator;
import io.tiered.processor.validate.ValidationReport;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;

/**
 * Generates a caching proxy, {@code TieredX}, for every interface {@code X} that carries
 * {@code @Tiered} on itself or one of its methods. Declared isolating for incremental builds:
 * each proxy depends on its interface only.
 */
@AutoService(Processor.class)
public final class TieredProcessor extends AbstractProcessor {
  private static final List<Class<? extends Annotation>> ANNOTATIONS =
      List.of(Tiered.class, Fallback.class, Fallback.List.class, RefreshAfter.class);

  private final UnaryOperator<InterfaceStep> decorator;
  private FindingPrinter printer;
  private CrashGuard guard;
  private InterfaceStep step;
  /** Interfaces whose types were not all known yet, by name: retried in the next round. */
  private final Set<String> deferred = new HashSet<>();

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
    step = decorator.apply(new ProxyStep(environment, printer));
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    Set<String> names = new HashSet<>();
    ANNOTATIONS.forEach(annotation -> names.add(annotation.getCanonicalName()));
    return names;
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    for (TypeElement type : interfaces(round).values()) {
      guard.run(type, () -> {
        if (round.processingOver() || SuperficialValidation.validateElement(type)) {
          step.process(type);
        } else {
          deferred.add(type.getQualifiedName().toString());
        }
      });
    }
    return false;
  }

  /** The interfaces to process this round, by name so the order is stable. */
  private Map<String, TypeElement> interfaces(RoundEnvironment round) {
    Map<String, TypeElement> interfaces = new TreeMap<>();
    List<String> retry = new ArrayList<>(deferred);
    deferred.clear();
    retry.forEach(name -> add(processingEnv.getElementUtils().getTypeElement(name), interfaces));
    for (Class<? extends Annotation> annotation : ANNOTATIONS) {
      for (Element element : round.getElementsAnnotatedWith(annotation)) {
        guard.run(element, () -> {
          if (annotation != Tiered.class || isOnInterface(element)) {
            add(element.getKind() == ElementKind.INTERFACE
                ? MoreElements.asType(element)
                : MoreElements.asType(element.getEnclosingElement()), interfaces);
          }
        });
      }
    }
    return interfaces;
  }

  private boolean isOnInterface(Element element) {
    ValidationReport report = TargetValidator.validate(
        element, MoreElements.getAnnotationMirror(element, Tiered.class).toJavaUtil());
    printer.print(report);
    return report.isClean();
  }

  private static void add(TypeElement type, Map<String, TypeElement> interfaces) {
    if (type != null && type.getKind() == ElementKind.INTERFACE) {
      interfaces.putIfAbsent(type.getQualifiedName().toString(), type);
    }
  }
}
