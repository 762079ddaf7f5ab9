package io.tiered.processor.read;

import com.google.auto.common.MoreTypes;
import io.tiered.Bulk;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;

/**
 * A method the proxy must implement, as seen from the processed interface.
 *
 * @param element the method, possibly declared in a super-interface
 * @param type its signature resolved against the processed interface ({@code Repo<Long, User>})
 * @param annotations its Tiered annotations
 */
public record MethodDeclaration(
    ExecutableElement element, ExecutableType type, AnnotationSet annotations) {

  public String name() {
    return element.getSimpleName().toString();
  }

  public boolean returnsVoid() {
    return type.getReturnType().getKind() == TypeKind.VOID;
  }

  public boolean isDefault() {
    return element.getModifiers().contains(Modifier.DEFAULT);
  }

  public boolean isGeneric() {
    return !element.getTypeParameters().isEmpty();
  }

  /**
   * Whether it carries {@code @Invalidate}, {@code @Put} or {@code @InvalidateTag}: a write, which
   * is never cached.
   */
  public boolean isWrite() {
    return !annotations.writes().isEmpty() || !annotations.tagInvalidations().isEmpty();
  }

  /** Its {@code @Bulk}, if any: read apart from the other annotations, for it adds no settings. */
  public Optional<AnnotationMirror> bulk() {
    return element.getAnnotationMirrors().stream()
        .filter(mirror -> MoreTypes.asTypeElement(mirror.getAnnotationType()).getQualifiedName()
            .contentEquals(Bulk.class.getCanonicalName()))
        .map(AnnotationMirror.class::cast)
        .findFirst();
  }

  public boolean hasParameters() {
    return !element.getParameters().isEmpty();
  }
}
