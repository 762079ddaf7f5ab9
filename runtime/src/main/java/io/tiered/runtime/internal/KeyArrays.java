package io.tiered.runtime.internal;

import org.jspecify.annotations.Nullable;

/**
 * Copies of the arrays a generated key record holds, nested ones included: a key compares and
 * hashes them by content ({@code Arrays.deepEquals}), so neither the caller who passed them nor
 * the origin given them may change what a key sitting in a cache holds.
 */
public final class KeyArrays {
  private KeyArrays() {}

  /**
   * {@return a copy of {@code array} and of every array it holds, at any depth; null for null}
   * Other elements are shared.
   *
   * @param array the array to copy
   * @param <T> its element type
   */
  public static <T> T @Nullable [] deepCopy(T @Nullable [] array) {
    if (array == null) {
      return null;
    }
    T[] copy = array.clone();
    for (int i = 0; i < copy.length; i++) {
      @SuppressWarnings("unchecked") // an array element copied is of the element's own type
      T element = (T) copyOf(copy[i]);
      copy[i] = element;
    }
    return copy;
  }

  private static @Nullable Object copyOf(@Nullable Object element) {
    return switch (element) {
      case null -> null;
      case Object[] nested -> deepCopy(nested);
      case int[] ints -> ints.clone();
      case long[] longs -> longs.clone();
      case byte[] bytes -> bytes.clone();
      case char[] chars -> chars.clone();
      case short[] shorts -> shorts.clone();
      case boolean[] booleans -> booleans.clone();
      case float[] floats -> floats.clone();
      case double[] doubles -> doubles.clone();
      default -> element;
    };
  }
}
