package io.tiered.processor.validate;

import io.tiered.processor.model.ProxyNames;
import io.tiered.processor.read.InterfaceDeclaration;
import io.tiered.processor.read.TieredAnnotation;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;

/** Checks that the proxy, generated in the interface's package, can implement the interface. */
final class AccessValidator {
  private AccessValidator() {}

  static void validate(InterfaceDeclaration declaration, ValidationReport.Builder report) {
    Element type = declaration.element();
    Optional<AnnotationMirror> mirror =
        declaration.annotations().tiered().map(TieredAnnotation::mirror);
    String proxy = ProxyNames.of(declaration.element()).simpleName();
    if (type.getModifiers().contains(Modifier.PRIVATE)) {
      report.onElement(Message.PRIVATE_INTERFACE, type, mirror, type.getSimpleName(), proxy);
      return;
    }
    for (Element outer = type.getEnclosingElement();
        outer.getKind() != ElementKind.PACKAGE && outer.getKind() != ElementKind.MODULE;
        outer = outer.getEnclosingElement()) {
      if (outer.getModifiers().contains(Modifier.PRIVATE)) {
        report.onElement(Message.INACCESSIBLE_INTERFACE, type, mirror,
            type.getSimpleName(), outer.getSimpleName(), proxy, outer.getSimpleName());
        return;
      }
    }
  }
}
