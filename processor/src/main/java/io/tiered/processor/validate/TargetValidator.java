package io.tiered.processor.validate;

import io.tiered.processor.read.Descriptions;
import java.util.Locale;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;

/**
 * Checks that {@code @Tiered} is written where a proxy can be generated: on an interface or on a
 * method of one.
 */
public final class TargetValidator {
  private TargetValidator() {}

  /** The report on {@code @Tiered} ({@code mirror}) written on {@code element}. */
  public static ValidationReport validate(Element element, Optional<AnnotationMirror> mirror) {
    ValidationReport.Builder report = ValidationReport.about(element);
    ElementKind kind = element.getKind();
    if (kind.isDeclaredType() && kind != ElementKind.INTERFACE) {
      report.onElement(Message.TIERED_ON_NON_INTERFACE, element, mirror,
          element.getSimpleName(), article(kind));
    } else if (kind == ElementKind.METHOD
        && element.getEnclosingElement().getKind() != ElementKind.INTERFACE) {
      Element owner = element.getEnclosingElement();
      report.onElement(Message.TIERED_METHOD_OUTSIDE_INTERFACE, element, mirror,
          Descriptions.element(element), article(owner.getKind()) + " " + owner.getSimpleName());
    }
    return report.build();
  }

  private static String article(ElementKind kind) {
    return switch (kind) {
      case ENUM -> "an enum";
      case RECORD -> "a record";
      case ANNOTATION_TYPE -> "an annotation type";
      default -> "a " + kind.name().toLowerCase(Locale.ROOT);
    };
  }
}
