package io.tiered.processor.read;

import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;

/**
 * An interface that carries Tiered annotations, with every method its proxy must implement.
 *
 * @param element the interface
 * @param type the interface as a type, with its own type variables as arguments
 * @param annotations its type-level annotations
 * @param methods its abstract and default instance methods, own and inherited, once each
 * @param objectMethods the methods of {@code Object} it redeclares ({@code toString()},
 *     {@code hashCode()}, {@code equals(Object)}), which the proxy implements itself
 */
public record InterfaceDeclaration(
    TypeElement element,
    DeclaredType type,
    AnnotationSet annotations,
    List<MethodDeclaration> methods,
    List<MethodDeclaration> objectMethods) {

  public InterfaceDeclaration {
    methods = List.copyOf(methods);
    objectMethods = List.copyOf(objectMethods);
  }

  /** Whether a proxy is wanted: the interface or one of its methods carries {@code @Tiered}. */
  public boolean isTiered() {
    return annotations.tiered().isPresent()
        || methods.stream().anyMatch(method -> method.annotations().tiered().isPresent());
  }

  /**
   * Whether {@code method} is cached: it returns a value, is not a write, and it carries
   * {@code @Tiered} or is abstract in an interface that does.
   */
  public boolean isCached(MethodDeclaration method) {
    if (method.returnsVoid() || method.isWrite()) {
      return false;
    }
    if (method.annotations().tiered().isPresent()) {
      return true;
    }
    return annotations.tiered().isPresent() && !method.isDefault();
  }

  /** The cached methods, in declaration order. */
  public List<MethodDeclaration> cachedMethods() {
    return methods.stream().filter(this::isCached).toList();
  }

  public String simpleName() {
    return element.getSimpleName().toString();
  }
}
