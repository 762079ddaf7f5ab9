package io.tiered.processor.model;

import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/** Small questions about types that naming and key modelling ask. */
final class TypeMirrors {
  private TypeMirrors() {}

  /** Whether {@code type} mentions a type variable anywhere. */
  static boolean mentionsTypeVariable(TypeMirror type) {
    return switch (type.getKind()) {
      case TYPEVAR -> true;
      case ARRAY -> mentionsTypeVariable(((ArrayType) type).getComponentType());
      case DECLARED -> ((DeclaredType) type).getTypeArguments().stream()
          .anyMatch(TypeMirrors::mentionsTypeVariable);
      case WILDCARD -> bound((WildcardType) type) != null
          && mentionsTypeVariable(bound((WildcardType) type));
      default -> false;
    };
  }

  private static TypeMirror bound(WildcardType wildcard) {
    return wildcard.getExtendsBound() != null
        ? wildcard.getExtendsBound()
        : wildcard.getSuperBound();
  }

  /** Whether {@code type} is an array of primitives. */
  static boolean isPrimitiveArray(TypeMirror type) {
    return type.getKind() == TypeKind.ARRAY
        && ((ArrayType) type).getComponentType().getKind().isPrimitive();
  }
}
