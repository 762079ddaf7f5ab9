package io.tiered.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeVariableName;
import java.util.List;

/**
 * A key record generated for a method with several parameters or one array parameter.
 *
 * @param name its name, nested in the proxy
 * @param typeVariables the interface's type variables, when a component uses one
 * @param components one per parameter, in order
 */
public record KeyRecord(
    ClassName name, List<TypeVariableName> typeVariables, List<KeyComponent> components) {

  public KeyRecord {
    typeVariables = List.copyOf(typeVariables);
    components = List.copyOf(components);
  }

  /** Whether a component is an array, so equals, hashCode and toString must be written out. */
  public boolean comparesArrays() {
    return components.stream()
        .anyMatch(component -> component.equality() != KeyComponent.Equality.OBJECT);
  }
}
