package io.tiered.processor;

import com.google.auto.common.MoreElements;
import com.google.auto.common.SuperficialValidation;
import com.google.auto.service.AutoService;
import io.tiered.Fallback;
import io.tiered.RefreshAfter;
import io.tiered.Tiered;
import io.tiered.processor.validate.CacheNameRegistry;
import io.tiered.processor.validate.Finding;
import io.tiered.processor.validate.FindingPrinter;
import io.tiered.processor.validate.Message;
import io.tiered.processor.validate.TargetValidator;
import io.tiered.processor.validate.ValidationReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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

  private final Set<Finding> printed = new HashSet<>();
  private final CacheNameRegistry cacheNames = new CacheNameRegistry();
  private FindingPrinter printer;
  /** Interfaces whose types were not all known yet, by name: retried in the next round. */
  private final Set<String> deferred = new HashSet<>();

  @Override
  public synchronized void init(ProcessingEnvironment environment) {
    super.init(environment);
    printer = new FindingPrinter(environment);
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
    try {
      ProxyStep step = new ProxyStep(processingEnv, printer, printed, cacheNames);
      for (TypeElement type : interfaces(round).values()) {
        if (round.processingOver() || SuperficialValidation.validateElement(type)) {
          step.process(type);
        } else {
          deferred.add(type.getQualifiedName().toString());
        }
      }
    } catch (RuntimeException crash) {
      StringWriter trace = new StringWriter();
      crash.printStackTrace(new PrintWriter(trace));
      processingEnv.getMessager().printMessage(
          Message.PROCESSOR_CRASHED.kind(), Message.PROCESSOR_CRASHED.format(trace));
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
        if (annotation == Tiered.class && !isOnInterface(element)) {
          continue;
        }
        add(element.getKind() == ElementKind.INTERFACE
            ? MoreElements.asType(element)
            : MoreElements.asType(element.getEnclosingElement()), interfaces);
      }
    }
    return interfaces;
  }

  private boolean isOnInterface(Element element) {
    ValidationReport report = TargetValidator.validate(
        element, MoreElements.getAnnotationMirror(element, Tiered.class).toJavaUtil());
    report.printTo(printer, printed);
    return report.isClean();
  }

  private static void add(TypeElement type, Map<String, TypeElement> interfaces) {
    if (type != null && type.getKind() == ElementKind.INTERFACE) {
      interfaces.putIfAbsent(type.getQualifiedName().toString(), type);
    }
  }
}
