package io.tiered.processor.read;

import com.google.auto.common.MoreElements;
import java.util.List;
import java.util.stream.Stream;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.SimpleAnnotationValueVisitor14;
import javax.lang.model.util.Types;

/**
 * Finds values of Tiered's annotations that javac has not resolved, such as
 * {@code @Tiered(ttl = Ttls.PRICES)} while {@code Ttls} is a class another processor has yet to
 * generate. javac hands such a value out as the text {@code <error>}, which read as a duration
 * would be reported as a bad one.
 */
public final class UnresolvedValues {
  /** How javac renders a value it could not attribute. */
  private static final String ERROR = "<error>";
  private static final String ANNOTATION_PACKAGE = "io.tiered";

  private final Elements elements;
  private final Types types;

  public UnresolvedValues(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  /** Whether the interface, an interface it extends, or a method it has, holds one. */
  public boolean in(TypeElement type) {
    return annotated(type).flatMap(element -> element.getAnnotationMirrors().stream())
        .filter(UnresolvedValues::isTiered)
        .anyMatch(UnresolvedValues::unresolved);
  }

  private Stream<Element> annotated(TypeElement type) {
    return Stream.concat(InterfaceHierarchy.of(type).stream(),
        MoreElements.getLocalAndInheritedMethods(type, types, elements).stream());
  }

  private static boolean isTiered(AnnotationMirror annotation) {
    return MoreElements.getPackage(annotation.getAnnotationType().asElement())
        .getQualifiedName().contentEquals(ANNOTATION_PACKAGE);
  }

  private static boolean unresolved(AnnotationMirror annotation) {
    return annotation.getElementValues().values().stream()
        .anyMatch(value -> value.accept(DETECTOR, null));
  }

  private static final SimpleAnnotationValueVisitor14<Boolean, Void> DETECTOR =
      new SimpleAnnotationValueVisitor14<>(false) {
        @Override
        public Boolean visitString(String text, Void unused) {
          return text.equals(ERROR);
        }

        @Override
        public Boolean visitType(TypeMirror type, Void unused) {
          return type.getKind() == TypeKind.ERROR;
        }

        @Override
        public Boolean visitAnnotation(AnnotationMirror annotation, Void unused) {
          return unresolved(annotation);
        }

        @Override
        public Boolean visitArray(List<? extends AnnotationValue> values, Void unused) {
          return values.stream().anyMatch(value -> value.accept(this, null));
        }
      };
}
