package io.tiered.processor.write;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import io.tiered.processor.model.KeyComponent;
import java.util.Set;

/**
 * The copy of an array key component: a clone where its elements cannot be arrays, else a copy
 * of every array it holds ({@code KeyArrays.deepCopy}), for a key compares nested arrays by
 * content too.
 */
final class ArrayCopies {
  /** Element types whose values may be arrays. */
  private static final Set<TypeName> MAY_HOLD_ARRAYS = Set.of(ClassName.get(Object.class),
      ClassName.get(java.io.Serializable.class), ClassName.get(Cloneable.class));

  private ArrayCopies() {}

  /** {@code array}'s copy, null for null; {@code array} is evaluated more than once. */
  static CodeBlock copy(KeyComponent component, CodeBlock array) {
    if (component.type() instanceof ArrayTypeName type && mayHoldArrays(type.componentType())) {
      return CodeBlock.of("$T.deepCopy($L)", RuntimeNames.KEY_ARRAYS, array);
    }
    return CodeBlock.of("$1L == null ? null : $1L.clone()", array);
  }

  private static boolean mayHoldArrays(TypeName element) {
    return element instanceof ArrayTypeName || element instanceof TypeVariableName
        || MAY_HOLD_ARRAYS.contains(element.withoutAnnotations());
  }
}
