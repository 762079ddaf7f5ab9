package io.tiered.processor.read;

import com.google.auto.common.MoreElements;
import com.google.auto.common.MoreTypes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Reads an interface and every method its proxy must implement. */
public final class InterfaceReader {
  private final Elements elements;
  private final Types types;
  private final AnnotationReader annotations = new AnnotationReader();

  public InterfaceReader(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  public InterfaceDeclaration read(TypeElement type) {
    DeclaredType declared = MoreTypes.asDeclared(type.asType());
    Map<String, MethodDeclaration> bySignature = new LinkedHashMap<>();
    Map<String, MethodDeclaration> objectMethods = new LinkedHashMap<>();
    for (ExecutableElement method :
        MoreElements.getLocalAndInheritedMethods(type, types, elements)) {
      if (isInstanceMethod(method)) {
        ExecutableType resolved = MoreTypes.asExecutable(types.asMemberOf(declared, method));
        // Two super-interfaces may declare the same method; the proxy implements it once.
        (isObjectMethod(method) ? objectMethods : bySignature).putIfAbsent(
            signature(method, resolved),
            new MethodDeclaration(method, resolved, annotations.read(method)));
      }
    }
    return new InterfaceDeclaration(type, declared, annotations.read(type),
        bySignature.values().stream().toList(), objectMethods.values().stream().toList());
  }

  static boolean isInstanceMethod(ExecutableElement method) {
    return !method.getModifiers().contains(Modifier.STATIC)
        && !method.getModifiers().contains(Modifier.PRIVATE);
  }

  /** {@code toString()}, {@code hashCode()} or {@code equals(Object)} redeclared in an interface. */
  private static boolean isObjectMethod(ExecutableElement method) {
    String name = method.getSimpleName().toString();
    int arity = method.getParameters().size();
    return (arity == 0 && (name.equals("toString") || name.equals("hashCode")))
        || (arity == 1 && name.equals("equals")
            && method.getParameters().get(0).asType().toString().equals("java.lang.Object"));
  }

  private String signature(ExecutableElement method, ExecutableType resolved) {
    return method.getSimpleName() + resolved.getParameterTypes().stream()
        .map(parameter -> types.erasure(parameter).toString())
        .collect(Collectors.joining(",", "(", ")"));
  }
}
