package io.tiered.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Models the key of a cached method from its parameters. */
final class KeyFactory {
  private static final ClassName NO_KEY = ClassName.get("io.tiered.runtime", "NoKey");
  /** Names a record component may not have (JLS 8.10.1). */
  private static final Set<String> FORBIDDEN = Set.of(
      "clone", "finalize", "getClass", "hashCode", "notify", "notifyAll", "toString", "wait");

  private final ClassName proxy;
  private final List<TypeVariableName> typeVariables;

  KeyFactory(ClassName proxy, List<TypeVariableName> typeVariables) {
    this.proxy = proxy;
    this.typeVariables = typeVariables;
  }

  CacheKey key(ExecutableElement element, ExecutableType type, MethodNames names) {
    return switch (KeyShape.of(type)) {
      case NONE -> new CacheKey(KeyShape.NONE, NO_KEY, Optional.empty(), Optional.empty());
      case PARAMETER -> {
        TypeMirror parameter = type.getParameterTypes().get(0);
        yield new CacheKey(KeyShape.PARAMETER, TypeName.get(parameter).box(),
            Optional.of(parameter), Optional.empty());
      }
      case RECORD -> record(element, type, names);
    };
  }

  private CacheKey record(ExecutableElement element, ExecutableType type, MethodNames names) {
    List<KeyComponent> components = new ArrayList<>();
    Set<String> parameters = new HashSet<>();
    element.getParameters()
        .forEach(parameter -> parameters.add(parameter.getSimpleName().toString()));
    boolean generic = false;
    for (int i = 0; i < type.getParameterTypes().size(); i++) {
      TypeMirror parameterType = type.getParameterTypes().get(i);
      String parameter = element.getParameters().get(i).getSimpleName().toString();
      generic |= TypeMirrors.mentionsTypeVariable(parameterType);
      components.add(new KeyComponent(componentName(parameter, parameters), parameter,
          TypeName.get(parameterType), equality(parameterType)));
    }
    List<TypeVariableName> variables = generic ? typeVariables : List.of();
    ClassName name = proxy.nestedClass(names.keyRecord());
    TypeName keyType = variables.isEmpty()
        ? name
        : ParameterizedTypeName.get(name, variables.toArray(TypeName[]::new));
    return new CacheKey(KeyShape.RECORD, keyType, Optional.empty(),
        Optional.of(new KeyRecord(name, variables, components)));
  }

  private static String componentName(String parameter, Set<String> taken) {
    if (!FORBIDDEN.contains(parameter)) {
      return parameter;
    }
    String name = parameter + "Value";
    while (!taken.add(name)) {
      name = name + "_";
    }
    return name;
  }

  private static KeyComponent.Equality equality(TypeMirror type) {
    if (type.getKind() != TypeKind.ARRAY) {
      return KeyComponent.Equality.OBJECT;
    }
    return TypeMirrors.isPrimitiveArray(type)
        ? KeyComponent.Equality.ARRAY
        : KeyComponent.Equality.DEEP_ARRAY;
  }
}
