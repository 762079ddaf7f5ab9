package io.tiered.processor.model;

import com.google.auto.common.MoreTypes;
import com.palantir.javapoet.TypeName;
import io.tiered.processor.read.Descriptions;
import io.tiered.processor.read.MethodDeclaration;
import io.tiered.processor.read.WriteAnnotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Finds a write's key for its target among the write's parameters, by the rules of
 * {@code @Invalidate}: same-name parameters, the only assignable parameter, each element of the
 * only assignable {@code Iterable} or array parameter, or explicit accessor paths.
 */
public final class WriteKeyResolver {
  private final Types types;
  private final KeyPaths paths;

  public WriteKeyResolver(Elements elements, Types types) {
    this.types = types;
    this.paths = new KeyPaths(elements, types);
  }

  /** The key, or what stops it from being found. */
  public sealed interface Outcome permits Found, Problem {}

  /** @param key where the key comes from */
  public record Found(WriteKey key) implements Outcome {}

  /**
   * @param path the path at fault, or empty when no parameter gives {@code targetParameter}
   * @param targetParameter the target's parameter the key misses or mistypes
   * @param reason what is wrong, in words
   */
  public record Problem(Optional<String> path, String targetParameter, String reason)
      implements Outcome {}

  public Outcome resolve(WriteAnnotation write, MethodDeclaration method,
      MethodDeclaration target) {
    if (write.all()) {
      return new Found(WriteKey.all());
    }
    return write.key().isBlank()
        ? fromParameters(write.kind(), method, target)
        : paths.resolve(write.key(), method, target);
  }

  private Outcome fromParameters(WriteAnnotation.Kind kind, MethodDeclaration method,
      MethodDeclaration target) {
    List<String> names = names(method);
    List<? extends TypeMirror> parameterTypes = method.type().getParameterTypes();
    List<String> expressions = new ArrayList<>();
    for (int i = 0; i < target.type().getParameterTypes().size(); i++) {
      String name = names(target).get(i);
      TypeMirror wanted = target.type().getParameterTypes().get(i);
      int same = names.indexOf(name);
      if (same >= 0 && types.isAssignable(parameterTypes.get(same), wanted)) {
        expressions.add(name);
      } else if (target.type().getParameterTypes().size() == 1) {
        return onlyParameter(kind, method, name, wanted);
      } else {
        return new Problem(Optional.empty(), name, same >= 0
            ? "parameter " + name + " is of type "
                + Descriptions.simpleName(parameterTypes.get(same))
            : "no parameter is named " + name);
      }
    }
    return new Found(new WriteKey(expressions, Optional.empty()));
  }

  /** A one-parameter target's key: the only assignable parameter, or a batch of elements. */
  private Outcome onlyParameter(WriteAnnotation.Kind kind, MethodDeclaration method, String name,
      TypeMirror wanted) {
    List<String> names = names(method);
    List<? extends TypeMirror> parameterTypes = method.type().getParameterTypes();
    List<Integer> assignable = new ArrayList<>();
    List<Integer> batches = new ArrayList<>();
    for (int i = 0; i < parameterTypes.size(); i++) {
      if (types.isAssignable(parameterTypes.get(i), wanted)) {
        assignable.add(i);
      } else if (elementType(parameterTypes.get(i))
          .filter(element -> types.isAssignable(element, wanted)).isPresent()) {
        batches.add(i);
      }
    }
    if (assignable.size() == 1) {
      return new Found(new WriteKey(List.of(names.get(assignable.get(0))), Optional.empty()));
    }
    if (assignable.isEmpty() && batches.size() == 1 && kind == WriteAnnotation.Kind.INVALIDATE) {
      int index = batches.get(0);
      TypeMirror type = parameterTypes.get(index);
      TypeMirror element = elementType(type).orElseThrow();
      String variable = freshName(names, name);
      TypeMirror key = wanted.getKind().isPrimitive()
          ? types.boxedClass(MoreTypes.asPrimitiveType(wanted)).asType()
          : wanted;
      // An Iterable<? extends K> goes to invalidateAll as it is; anything else is copied.
      boolean asIs = type.getKind() != TypeKind.ARRAY && types.isAssignable(element, key)
          && wanted.getKind() == TypeKind.DECLARED;
      return new Found(new WriteKey(List.of(variable), Optional.of(new WriteKey.Batch(
          names.get(index), variable, TypeName.get(wanted), asIs))));
    }
    String found = assignable.size() > 1
        ? assignable.size() + " parameters are: " + String.join(", ",
            assignable.stream().map(names::get).toList())
        : "no parameter is named " + name + " or of an assignable type"
            + (kind == WriteAnnotation.Kind.INVALIDATE ? ", nor an Iterable or array of one" : "");
    return new Problem(Optional.empty(), name, found);
  }

  /** The element type of an array or {@code Iterable}; empty for any other type. */
  private Optional<TypeMirror> elementType(TypeMirror type) {
    if (type.getKind() == TypeKind.ARRAY) {
      return Optional.of(((ArrayType) type).getComponentType());
    }
    if (type.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    DeclaredType declared = MoreTypes.asDeclared(type);
    TypeElement element = MoreTypes.asTypeElement(declared);
    if (element.getQualifiedName().contentEquals("java.lang.Iterable")) {
      if (declared.getTypeArguments().isEmpty()) {
        return Optional.empty(); // raw
      }
      TypeMirror argument = declared.getTypeArguments().get(0);
      if (argument instanceof WildcardType wildcard) {
        return Optional.ofNullable(wildcard.getExtendsBound());
      }
      return Optional.of(argument);
    }
    for (TypeMirror supertype : types.directSupertypes(type)) {
      if (MoreTypes.asTypeElement(supertype).getKind() != ElementKind.CLASS
          || !supertype.toString().equals("java.lang.Object")) {
        Optional<TypeMirror> found = elementType(supertype);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  static List<String> names(MethodDeclaration method) {
    return method.element().getParameters().stream()
        .map(parameter -> parameter.getSimpleName().toString()).toList();
  }

  /** A loop variable named after the target's parameter, clashing with no parameter. */
  private static String freshName(List<String> taken, String wanted) {
    String name = wanted;
    while (taken.contains(name)) {
      name = name + "_";
    }
    return name;
  }
}
