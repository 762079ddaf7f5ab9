package io.tiered.processor.validate;

import io.tiered.processor.read.Descriptions;
import java.util.Optional;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
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

  /**
   * This finding as reported while compiling {@code subject}. One on an element outside the
   * subject's file, such as a method inherited from a super-interface in a library, moves onto the
   * subject and names that element: javac places diagnostics only on the sources it compiles, and
   * an incremental build may not compile the other file again (Dagger's ValidationReport does
   * the same).
   */
  Finding seenFrom(Element subject) {
    if (topLevel(element).equals(topLevel(subject))) {
      return this;
    }
    return new Finding(message, Descriptions.inherited(element) + ": " + detail, subject,
        Optional.empty(), Optional.empty());
  }

  /** The top-level type declaring {@code element}: its source file. */
  private static Element topLevel(Element element) {
    Element outermost = element;
    while (outermost.getEnclosingElement().getKind() != ElementKind.PACKAGE) {
      outermost = outermost.getEnclosingElement();
    }
    return outermost;
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
