package io.tiered.processor;

import com.google.auto.common.MoreElements;
import io.tiered.Fallback;
import io.tiered.Invalidate;
import io.tiered.InvalidateTag;
import io.tiered.Put;
import io.tiered.RefreshAfter;
import io.tiered.Tag;
import io.tiered.Tiered;
import io.tiered.processor.validate.FindingPrinter;
import io.tiered.processor.validate.TargetValidator;
import io.tiered.processor.validate.ValidationReport;
import java.lang.annotation.Annotation;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The interfaces to process in each round: those carrying a Tiered annotation in it, and those
 * deferred by the round before. A deferred interface is kept by name, for javac hands out new
 * elements each round.
 */
final class RoundInterfaces {
  static final List<Class<? extends Annotation>> ANNOTATIONS =
      List.of(Tiered.class, Fallback.class, Fallback.List.class, RefreshAfter.class,
          Invalidate.class, Invalidate.List.class, Put.class, Tag.class, Tag.List.class,
          InvalidateTag.class, InvalidateTag.List.class);

  private final Elements elements;
  private final FindingPrinter printer;
  private final CrashGuard guard;
  private final Set<String> deferred = new TreeSet<>();

  RoundInterfaces(Elements elements, FindingPrinter printer, CrashGuard guard) {
    this.elements = elements;
    this.printer = printer;
    this.guard = guard;
  }

  /** The interfaces of {@code round}, by name so the order is stable. */
  Collection<TypeElement> of(RoundEnvironment round) {
    Map<String, TypeElement> interfaces = new TreeMap<>();
    deferred.forEach(name -> add(elements.getTypeElement(name), interfaces));
    deferred.clear();
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
    return interfaces.values();
  }

  /** Processes {@code type} again in the next round. */
  void defer(TypeElement type) {
    deferred.add(type.getQualifiedName().toString());
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
