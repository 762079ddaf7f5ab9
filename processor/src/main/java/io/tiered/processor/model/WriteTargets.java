package io.tiered.processor.model;

import io.tiered.processor.read.Descriptions;
import io.tiered.processor.read.InterfaceDeclaration;
import io.tiered.processor.read.MethodDeclaration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/** Finds the cached method a write names: {@code "price"}, or {@code "price(String)"}. */
public final class WriteTargets {
  private final Types types;

  public WriteTargets(Types types) {
    this.types = types;
  }

  /** The cached methods {@code written} may name: one, none, or several overloads. */
  public List<MethodDeclaration> matching(InterfaceDeclaration declaration, String written) {
    int open = written.indexOf('(');
    String name = (open < 0 ? written : written.substring(0, open)).strip();
    List<String> parameters = open < 0 ? null : parameters(written.substring(open + 1));
    return declaration.cachedMethods().stream()
        .filter(method -> method.name().equals(name))
        .filter(method -> parameters == null
            || matches(method.type().getParameterTypes(), parameters))
        .toList();
  }

  /** The cached methods, as a message lists them: {@code price(String), quote(String, int)}. */
  public static String describe(List<MethodDeclaration> methods) {
    if (methods.isEmpty()) {
      return "(none)";
    }
    return methods.stream().map(WriteTargets::signature).collect(Collectors.joining(", "));
  }

  /** {@code price(String)}. */
  public static String signature(MethodDeclaration method) {
    return method.name() + Descriptions.parameters(method.type().getParameterTypes());
  }

  private static List<String> parameters(String list) {
    String inside = list.endsWith(")") ? list.substring(0, list.length() - 1) : list;
    if (inside.isBlank()) {
      return List.of();
    }
    return Arrays.stream(inside.split(",")).map(String::strip).toList();
  }

  private boolean matches(List<? extends TypeMirror> declared, List<String> written) {
    if (declared.size() != written.size()) {
      return false;
    }
    for (int i = 0; i < declared.size(); i++) {
      TypeMirror type = declared.get(i);
      String name = written.get(i);
      if (!name.equals(Descriptions.simpleName(type))
          && !name.equals(types.erasure(type).toString())
          && !name.equals(type.toString())) {
        return false;
      }
    }
    return true;
  }
}
