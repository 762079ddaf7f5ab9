package io.tiered.processor.validate;

import java.util.Optional;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * One diagnostic, placed on an element and, when there is one, the annotation value at fault.
 *
 * @param kind error or warning
 * @param text the message
 * @param element where
 * @param mirror the annotation at fault, if any
 * @param value the attribute at fault, if any
 */
public record Finding(
    Diagnostic.Kind kind,
    String text,
    Element element,
    Optional<AnnotationMirror> mirror,
    Optional<AnnotationValue> value) {

  public boolean isError() {
    return kind == Diagnostic.Kind.ERROR;
  }

  void printTo(Messager messager) {
    if (value.isPresent()) {
      messager.printMessage(kind, text, element, mirror.orElseThrow(), value.get());
    } else if (mirror.isPresent()) {
      messager.printMessage(kind, text, element, mirror.get());
    } else {
      messager.printMessage(kind, text, element);
    }
  }
}
