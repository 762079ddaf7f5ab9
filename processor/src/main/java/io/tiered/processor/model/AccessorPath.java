package io.tiered.processor.model;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.type.TypeMirror;

/**
 * A resolved accessor path, {@code order.customer.id}: a parameter, then record components or
 * no-arg methods. Written from the parameter itself in a write, from the cache key in a cached
 * method's tags, so it keeps its parts rather than one expression.
 *
 * @param parameter the index of the parameter it starts from
 * @param root that parameter's name
 * @param accessors the components or methods called, in order
 * @param type the type of its value
 */
public record AccessorPath(int parameter, String root, List<String> accessors, TypeMirror type) {

  public AccessorPath {
    accessors = List.copyOf(accessors);
  }

  /** {@code from.customer().id()}: the path's value, starting from {@code from}. */
  public String expression(String from) {
    StringBuilder expression = new StringBuilder(from);
    accessors.forEach(accessor -> expression.append('.').append(accessor).append("()"));
    return expression.toString();
  }

  /**
   * The values the path calls an accessor on, {@code from} and {@code from.customer()}: when one
   * is null, the path has no value.
   */
  public List<String> guards(String from) {
    List<String> guards = new ArrayList<>();
    StringBuilder expression = new StringBuilder(from);
    for (String accessor : accessors) {
      guards.add(expression.toString());
      expression.append('.').append(accessor).append("()");
    }
    return guards;
  }
}
