package io.tiered.processor.read;

import com.google.auto.common.MoreTypes;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** The interfaces a proxy implements: the annotated one and every one it extends. */
public final class InterfaceHierarchy {
  private InterfaceHierarchy() {}

  /**
   * {@code type}, then every interface it extends, directly or not, each once (depth first).
   * Super-interfaces javac could not resolve are left out: they have no element.
   */
  public static List<TypeElement> of(TypeElement type) {
    Set<TypeElement> found = new LinkedHashSet<>();
    collect(type, found);
    return List.copyOf(found);
  }

  private static void collect(TypeElement type, Set<TypeElement> found) {
    if (!found.add(type)) {
      return;
    }
    for (TypeMirror parent : type.getInterfaces()) {
      if (parent.getKind() == TypeKind.DECLARED) {
        collect(MoreTypes.asTypeElement(parent), found);
      }
    }
  }
}
