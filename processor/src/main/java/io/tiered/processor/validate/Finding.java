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
 * @param message what was found, which gives the kind and the id
 * @param detail the text after the id
 * @param element where
 * @param mirror the annotation at fault, if any
 * @param value the attribute at fault, if any
 */
public record Finding(
    Message message,
    String detail,
    Element element,
    Optional<AnnotationMirror> mirror,
    Optional<AnnotationValue> value) {

  public Diagnostic.Kind kind() {
    return message.kind();
  }

  /** The text as printed, starting with the message's id. */
  public String text() {
    return message.withId(detail);
  }

  public boolean isError() {
    return kind() == Diagnostic.Kind.ERROR;
  }

  void printTo(Messager messager) {
    if (value.isPresent()) {
      messager.printMessage(kind(), text(), element, mirror.orElseThrow(), value.get());
    } else if (mirror.isPresent()) {
      messager.printMessage(kind(), text(), element, mirror.get());
    } else {
      messager.printMessage(kind(), text(), element);
    }
  }
}
