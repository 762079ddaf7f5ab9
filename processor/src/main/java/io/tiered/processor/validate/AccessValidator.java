package io.tiered.processor.validate;

import io.tiered.processor.model.ProxyNames;
import io.tiered.processor.read.InterfaceDeclaration;
import io.tiered.processor.read.InterfaceHierarchy;
import io.tiered.processor.read.TieredAnnotation;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * Checks that the proxy, generated in the interface's package, can implement the interface and
 * name itself in its own body.
 */
final class AccessValidator {
  private AccessValidator() {}

  static void validate(InterfaceDeclaration declaration, ValidationReport.Builder report) {
    Element type = declaration.element();
    Optional<AnnotationMirror> mirror =
        declaration.annotations().tiered().map(TieredAnnotation::mirror);
    String proxy = ProxyNames.of(declaration.element()).simpleName();
    hiddenName(declaration.element(), proxy, mirror, report);
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

  /**
   * Reports a member type of {@code compiled} or of an interface it extends that has the proxy's
   * name: the proxy inherits member types, and one would hide the proxy's own name in its body.
   * It is reported where it is declared when that is the interface being compiled.
   */
  private static void hiddenName(TypeElement compiled, String proxy,
      Optional<AnnotationMirror> mirror, ValidationReport.Builder report) {
    for (TypeElement type : InterfaceHierarchy.of(compiled)) {
      for (TypeElement member : ElementFilter.typesIn(type.getEnclosedElements())) {
        if (member.getSimpleName().contentEquals(proxy)) {
          boolean own = type.equals(compiled);
          report.onElement(Message.PROXY_NAME_HIDDEN, own ? member : compiled,
              own ? Optional.empty() : mirror, member.getQualifiedName(), proxy);
        }
      }
    }
  }
}
