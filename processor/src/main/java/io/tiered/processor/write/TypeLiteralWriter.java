package io.tiered.processor.write;

import com.google.auto.common.MoreTypes;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Types;

/**
 * Writes an expression for a {@code java.lang.reflect.Type} equal to a compile-time type:
 * {@code Price.class}, {@code Types.parameterized(List.class, Price.class)}. Type variables
 * become their erasure, since a proxy cannot know what they stand for.
 */
final class TypeLiteralWriter {
  private final Types types;

  TypeLiteralWriter(Types types) {
    this.types = types;
  }

  CodeBlock of(TypeMirror type) {
    return switch (type.getKind()) {
      case ARRAY -> array((ArrayType) type);
      case DECLARED -> declared((DeclaredType) type);
      case WILDCARD -> wildcard((WildcardType) type);
      case TYPEVAR -> of(types.erasure(type));
      default -> type.getKind().isPrimitive()
          ? classLiteral(TypeName.get(type).box())
          : classLiteral(ClassName.OBJECT);
    };
  }

  private CodeBlock array(ArrayType type) {
    return isParameterized(type.getComponentType())
        ? CodeBlock.of("$T.arrayOf($L)", RuntimeNames.TYPES, of(type.getComponentType()))
        : classLiteral(TypeName.get(types.erasure(type)));
  }

  private CodeBlock declared(DeclaredType type) {
    ClassName raw = ClassName.get(MoreTypes.asTypeElement(type));
    TypeMirror owner = type.getEnclosingType();
    boolean genericOwner = isParameterized(owner);
    if (type.getTypeArguments().isEmpty() && !genericOwner) {
      return classLiteral(raw);
    }
    CodeBlock.Builder code = CodeBlock.builder();
    if (genericOwner) {
      code.add("$T.nested($L, $T.class", RuntimeNames.TYPES, of(owner), raw);
    } else {
      code.add("$T.parameterized($T.class", RuntimeNames.TYPES, raw);
    }
    type.getTypeArguments().forEach(argument -> code.add(", $L", of(argument)));
    return code.add(")").build();
  }

  private CodeBlock wildcard(WildcardType type) {
    if (type.getSuperBound() != null) {
      return CodeBlock.of("$T.supertypeOf($L)", RuntimeNames.TYPES, of(type.getSuperBound()));
    }
    TypeMirror bound = type.getExtendsBound();
    return CodeBlock.of("$T.subtypeOf($L)", RuntimeNames.TYPES,
        bound == null ? classLiteral(ClassName.OBJECT) : of(bound));
  }

  private static boolean isParameterized(TypeMirror type) {
    return switch (type.getKind()) {
      case DECLARED -> !((DeclaredType) type).getTypeArguments().isEmpty()
          || isParameterized(((DeclaredType) type).getEnclosingType());
      case ARRAY -> isParameterized(((ArrayType) type).getComponentType());
      default -> false;
    };
  }

  private static CodeBlock classLiteral(TypeName type) {
    return CodeBlock.of("$T.class", type);
  }

}
