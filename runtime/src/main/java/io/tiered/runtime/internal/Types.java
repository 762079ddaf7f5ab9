package io.tiered.runtime.internal;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Builds generic {@link Type}s without reflection, so generated proxies can tell tiers the full
 * key and value types ({@code List<Price>}, {@code Map<String, Set<Long>>}) they know at compile
 * time. The types are equal to, and hash like, the JDK's own.
 */
public final class Types {
  private static final Type[] NONE = new Type[0];

  private Types() {}

  /**
   * {@return {@code raw<arguments...>}, such as {@code parameterized(List.class, Price.class)}}
   * Its owner is {@code raw}'s declaring class, as the JDK's is.
   *
   * @param raw the generic class
   * @param arguments one type argument per type parameter of {@code raw}
   * @throws IllegalArgumentException if {@code arguments} and {@code raw}'s type parameters
   *     differ in number
   */
  public static ParameterizedType parameterized(Class<?> raw, Type... arguments) {
    return new Parameterized(raw.getDeclaringClass(), raw, arguments);
  }

  /**
   * {@return {@code owner.raw<arguments...>}, for a generic type nested in a generic type}
   *
   * @param owner the enclosing type, such as {@code Outer<String>}
   * @param raw the nested generic class
   * @param arguments one type argument per type parameter of {@code raw}
   * @throws IllegalArgumentException if {@code arguments} and {@code raw}'s type parameters
   *     differ in number
   */
  public static ParameterizedType nested(Type owner, Class<?> raw, Type... arguments) {
    return new Parameterized(owner, raw, arguments);
  }

  /**
   * {@return {@code component[]} for a generic component type}
   *
   * @param component such as {@code List<Price>}
   */
  public static GenericArrayType arrayOf(Type component) {
    return new GenericArray(component);
  }

  /**
   * {@return {@code ? extends bound}; {@code subtypeOf(Object.class)} is {@code ?}}
   *
   * @param bound the upper bound
   */
  public static WildcardType subtypeOf(Type bound) {
    return new Wildcard(new Type[] {bound}, NONE);
  }

  /**
   * {@return {@code ? super bound}}
   *
   * @param bound the lower bound
   */
  public static WildcardType supertypeOf(Type bound) {
    return new Wildcard(new Type[] {Object.class}, new Type[] {bound});
  }

  private record Parameterized(@Nullable Type owner, Class<?> raw, Type[] arguments)
      implements ParameterizedType {
    Parameterized {
      Objects.requireNonNull(raw, "raw");
      arguments = arguments.clone();
      if (arguments.length != raw.getTypeParameters().length) {
        throw new IllegalArgumentException(raw.getName() + " takes "
            + raw.getTypeParameters().length + " type arguments, got " + arguments.length);
      }
    }

    @Override
    public Type[] getActualTypeArguments() {
      return arguments.clone();
    }

    @Override
    public Type getRawType() {
      return raw;
    }

    @Override
    public @Nullable Type getOwnerType() {
      return owner;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ParameterizedType other
          && raw.equals(other.getRawType())
          && Objects.equals(owner, other.getOwnerType())
          && Arrays.equals(arguments, other.getActualTypeArguments());
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(arguments) ^ Objects.hashCode(owner) ^ raw.hashCode();
    }

    @Override
    public String toString() {
      return raw.getTypeName() + Arrays.stream(arguments).map(Type::getTypeName)
          .collect(Collectors.joining(", ", "<", ">"));
    }
  }

  private record GenericArray(Type component) implements GenericArrayType {
    @Override
    public Type getGenericComponentType() {
      return component;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof GenericArrayType other
          && component.equals(other.getGenericComponentType());
    }

    @Override
    public int hashCode() {
      return component.hashCode();
    }

    @Override
    public String toString() {
      return component.getTypeName() + "[]";
    }
  }

  private record Wildcard(Type[] upper, Type[] lower) implements WildcardType {
    @Override
    public Type[] getUpperBounds() {
      return upper.clone();
    }

    @Override
    public Type[] getLowerBounds() {
      return lower.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof WildcardType other
          && Arrays.equals(upper, other.getUpperBounds())
          && Arrays.equals(lower, other.getLowerBounds());
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(upper) ^ Arrays.hashCode(lower);
    }

    @Override
    public String toString() {
      if (lower.length > 0) {
        return "? super " + lower[0].getTypeName();
      }
      return upper[0] == Object.class ? "?" : "? extends " + upper[0].getTypeName();
    }
  }
}
