package io.tiered.processor.model;

import static io.tiered.processor.model.WriteKeyResolver.names;

import com.google.auto.common.MoreTypes;
import io.tiered.processor.read.Descriptions;
import io.tiered.processor.model.WriteKeyResolver.Found;
import io.tiered.processor.model.WriteKeyResolver.Outcome;
import io.tiered.processor.model.WriteKeyResolver.Problem;
import io.tiered.processor.read.MethodDeclaration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Resolves a write's explicit key, {@code "order.sku, order.quantity"}: each path a parameter
 * name then record components or no-arg methods, type-checked against the target's parameter.
 */
final class KeyPaths {
  private final Elements elements;
  private final Types types;

  KeyPaths(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  /** The key given by {@code key}'s paths, one per parameter of {@code target}. */
  Outcome resolve(String key, MethodDeclaration method, MethodDeclaration target) {
    List<String> paths = List.of(key.split(",", -1)).stream().map(String::strip).toList();
    List<? extends TypeMirror> wanted = target.type().getParameterTypes();
    if (paths.size() != wanted.size()) {
      return new Problem(Optional.of(key), String.join(", ", names(target)), "it has "
          + paths.size() + " path" + (paths.size() == 1 ? "" : "s") + " for " + wanted.size()
          + " parameter" + (wanted.size() == 1 ? "" : "s"));
    }
    List<String> expressions = new ArrayList<>();
    Set<String> guards = new LinkedHashSet<>();
    for (int i = 0; i < paths.size(); i++) {
      PathOutcome walked = walk(paths.get(i), names(method), method.type().getParameterTypes());
      if (walked.problem() != null) {
        return new Problem(Optional.of(paths.get(i)), names(target).get(i), walked.problem());
      }
      AccessorPath path = walked.path();
      if (!types.isAssignable(path.type(), wanted.get(i))) {
        return new Problem(Optional.of(paths.get(i)), names(target).get(i), "it is of type "
            + Descriptions.simpleName(path.type()) + ", which does not fit "
            + Descriptions.simpleName(wanted.get(i)));
      }
      expressions.add(path.expression(path.root()));
      guards.addAll(path.guards(path.root()));
    }
    return new Found(new WriteKey(expressions, List.copyOf(guards), Optional.empty()));
  }

  /** A walked path, or what stops it: exactly one of the two is set. */
  record PathOutcome(AccessorPath path, String problem) {
    static PathOutcome problem(String problem) {
      return new PathOutcome(null, problem);
    }
  }

  /**
   * Follows {@code param.component.component}, each a record component or no-arg method, from the
   * roots {@code names} of types {@code roots}: a method's parameters, or what stands for them.
   */
  PathOutcome walk(String path, List<String> names, List<? extends TypeMirror> roots) {
    String[] segments = path.split("\\.", -1);
    int parameter = names.indexOf(segments[0]);
    if (parameter < 0) {
      return PathOutcome.problem(segments[0].isEmpty() ? "it is empty"
          : "no parameter is named " + segments[0]);
    }
    List<String> accessors = new ArrayList<>();
    TypeMirror type = roots.get(parameter);
    for (int i = 1; i < segments.length; i++) {
      Optional<ExecutableElement> accessor = accessor(type, segments[i]);
      if (accessor.isEmpty()) {
        return PathOutcome.problem(Descriptions.simpleName(type)
            + " has no record component or no-arg method " + segments[i]);
      }
      ExecutableType resolved =
          MoreTypes.asExecutable(types.asMemberOf(MoreTypes.asDeclared(type), accessor.get()));
      accessors.add(segments[i]);
      type = resolved.getReturnType();
    }
    return new PathOutcome(new AccessorPath(parameter, segments[0], accessors, type), null);
  }

  private Optional<ExecutableElement> accessor(TypeMirror type, String name) {
    if (type.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    TypeElement owner = MoreTypes.asTypeElement(type);
    return ElementFilter.methodsIn(elements.getAllMembers(owner)).stream()
        .filter(method -> method.getSimpleName().contentEquals(name)
            && method.getParameters().isEmpty()
            && method.getReturnType().getKind() != TypeKind.VOID
            && method.getTypeParameters().isEmpty()
            && !method.getModifiers().contains(Modifier.STATIC)
            && !method.getModifiers().contains(Modifier.PRIVATE))
        .findFirst();
  }
}
