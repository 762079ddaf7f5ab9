package io.tiered.processor.model;

import com.palantir.javapoet.TypeName;

/**
 * One component of a generated key record.
 *
 * @param name the record component's name: the parameter's, unless records forbid it
 * @param parameter the method parameter it holds
 * @param type its type
 * @param equality how the component is compared
 */
public record KeyComponent(String name, String parameter, TypeName type, Equality equality) {

  /** How a component is compared, hashed and printed. */
  public enum Equality {
    /** By {@code equals}: what a record does anyway. */
    OBJECT,
    /** A primitive array, by {@code Arrays.equals}. */
    ARRAY,
    /** An array of references, by {@code Arrays.deepEquals} so nested arrays compare by content. */
    DEEP_ARRAY
  }
}
