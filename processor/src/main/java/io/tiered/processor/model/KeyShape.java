package io.tiered.processor.model;

import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;

/** How a cached method's arguments become its cache key. */
public enum KeyShape {
  /** No parameters: the one constant key {@code NoKey.INSTANCE}. */
  NONE,
  /** One parameter that is not an array: the argument itself, boxed. */
  PARAMETER,
  /** Several parameters, or one array: a generated record comparing arrays by content. */
  RECORD;

  public static KeyShape of(ExecutableType method) {
    return switch (method.getParameterTypes().size()) {
      case 0 -> NONE;
      case 1 -> method.getParameterTypes().get(0).getKind() == TypeKind.ARRAY ? RECORD : PARAMETER;
      default -> RECORD;
    };
  }
}
