package io.tiered.processor.read;

import com.google.auto.common.MoreElements;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Parameterizable;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ErrorType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.SimpleTypeVisitor14;
import javax.lang.model.util.Types;

/**
 * Finds the types an interface's proxy would name that javac has not resolved (error types): in
 * its super-interfaces, its type parameters, and the signatures of the methods the proxy
 * implements, own and inherited. Another processor may generate them in a later round.
 */
public final class UnresolvedTypes {
  private final Elements elements;
  private final Types types;

  public UnresolvedTypes(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  /** Their names as written in the source, sorted; empty once every type is known. */
  public Set<String> of(TypeElement type) {
    Set<String> names = new TreeSet<>();
    hierarchy(type, names);
    for (ExecutableElement method :
        MoreElements.getLocalAndInheritedMethods(type, types, elements)) {
      if (InterfaceReader.isInstanceMethod(method)) {
        typeParameters(method, names);
        collect(method.getReturnType(), names);
        method.getParameters().stream().map(VariableElement::asType)
            .forEach(parameter -> collect(parameter, names));
        method.getThrownTypes().forEach(thrown -> collect(thrown, names));
      }
    }
    return names;
  }

  /** An unresolved super-interface hides the methods it declares, so it counts too. */
  private static void hierarchy(TypeElement type, Set<String> names) {
    for (TypeElement inHierarchy : InterfaceHierarchy.of(type)) {
      typeParameters(inHierarchy, names);
      collect(inHierarchy.getInterfaces(), names);
    }
  }

  /** Bounds are visited where they are declared, not at each use, which may recurse. */
  private static void typeParameters(Parameterizable element, Set<String> names) {
    for (TypeParameterElement parameter : element.getTypeParameters()) {
      parameter.getBounds().forEach(bound -> collect(bound, names));
    }
  }

  private static void collect(TypeMirror type, Set<String> names) {
    type.accept(COLLECTOR, names);
  }

  private static void collect(Collection<? extends TypeMirror> types, Set<String> names) {
    types.forEach(type -> collect(type, names));
  }

  private static final SimpleTypeVisitor14<Void, Set<String>> COLLECTOR =
      new SimpleTypeVisitor14<>() {
        @Override
        public Void visitError(ErrorType type, Set<String> names) {
          names.add(type.toString());
          return null;
        }

        @Override
        public Void visitDeclared(DeclaredType type, Set<String> names) {
          collect(type.getEnclosingType(), names);
          collect(type.getTypeArguments(), names);
          return null;
        }

        @Override
        public Void visitArray(ArrayType type, Set<String> names) {
          collect(type.getComponentType(), names);
          return null;
        }

        @Override
        public Void visitWildcard(WildcardType type, Set<String> names) {
          if (type.getExtendsBound() != null) {
            collect(type.getExtendsBound(), names);
          }
          if (type.getSuperBound() != null) {
            collect(type.getSuperBound(), names);
          }
          return null;
        }

        @Override
        public Void visitIntersection(IntersectionType type, Set<String> names) {
          collect(type.getBounds(), names);
          return null;
        }
      };
}
