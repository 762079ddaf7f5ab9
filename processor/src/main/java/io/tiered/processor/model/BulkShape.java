package io.tiered.processor.model;

import com.google.auto.common.MoreTypes;
import java.util.Optional;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The signature of a {@code @Bulk} method: {@code Map<K, V> name(Set<K> keys)}, or one of the
 * other collection kinds, or a future of the map.
 *
 * @param keys the parameter's kind of collection
 * @param keyType the element type {@code K}, a reference type
 * @param valueType the map's value type {@code V}
 * @param result how the method returns the map
 */
public record BulkShape(Keys keys, TypeMirror keyType, TypeMirror valueType, ResultKind result) {

  /** The kinds of parameter a bulk method may take, and what the origin is passed for each. */
  public enum Keys {
    COLLECTION("java.util.Collection"),
    SET("java.util.Set"),
    LIST("java.util.List"),
    ITERABLE("java.lang.Iterable"),
    ARRAY("");

    private final String type;

    Keys(String type) {
      this.type = type;
    }

    static Optional<Keys> of(String qualifiedName) {
      for (Keys keys : values()) {
        if (keys != ARRAY && keys.type.equals(qualifiedName)) {
          return Optional.of(keys);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * {@return the shape of {@code method}, or empty when it has none} A key must be a reference
   * type; an array's must also be reifiable (the proxy creates the array); neither may be a
   * wildcard, and the map's key type must be the collection's element type.
   */
  public static Optional<BulkShape> of(ExecutableType method, Elements elements, Types types) {
    if (method.getParameterTypes().size() != 1) {
      return Optional.empty();
    }
    TypeMirror parameter = method.getParameterTypes().get(0);
    Optional<Keys> keys = Optional.empty();
    TypeMirror keyType = null;
    if (parameter instanceof ArrayType array) {
      keyType = array.getComponentType();
      boolean reifiable = keyType.getKind() == TypeKind.DECLARED
          && ((DeclaredType) keyType).getTypeArguments().isEmpty();
      keys = reifiable ? Optional.of(Keys.ARRAY) : Optional.empty();
    } else if (parameter instanceof DeclaredType declared
        && declared.getTypeArguments().size() == 1) {
      keyType = declared.getTypeArguments().get(0);
      keys = Keys.of(MoreTypes.asTypeElement(declared).getQualifiedName().toString());
    }
    if (keys.isEmpty() || !isReference(keyType)) {
      return Optional.empty();
    }
    TypeMirror returned = method.getReturnType();
    ResultKind result = Results.kind(returned);
    TypeMirror map = new Results(elements, types).valueType(returned);
    if (!(map instanceof DeclaredType mapType) || mapType.getTypeArguments().size() != 2
        || !MoreTypes.asTypeElement(mapType).getQualifiedName().contentEquals("java.util.Map")
        || !types.isSameType(mapType.getTypeArguments().get(0), keyType)
        || !isReference(mapType.getTypeArguments().get(1))) {
      return Optional.empty();
    }
    return Optional.of(
        new BulkShape(keys.get(), keyType, mapType.getTypeArguments().get(1), result));
  }

  private static boolean isReference(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED || type.getKind() == TypeKind.TYPEVAR
        || type.getKind() == TypeKind.ARRAY;
  }
}
