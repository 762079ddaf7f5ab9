package io.tiered.processor.model;

import com.google.auto.common.MoreTypes;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import io.tiered.processor.read.InterfaceDeclaration;
import io.tiered.processor.read.MethodDeclaration;
import io.tiered.processor.read.SettingsResolver;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;

/** Turns a validated {@link InterfaceDeclaration} into the {@link ProxyModel} writers work from. */
public final class ModelBuilder {
  private final Elements elements;
  private final boolean injectable;

  /** {@code injectable}: whether the proxies carry JSR-330 annotations; see {@link ProxyModel}. */
  public ModelBuilder(Elements elements, boolean injectable) {
    this.elements = elements;
    this.injectable = injectable;
  }

  public ProxyModel build(InterfaceDeclaration declaration) {
    ClassName name = ProxyNames.of(declaration.element());
    List<TypeVariableName> typeVariables = declaration.element().getTypeParameters().stream()
        .map(TypeVariableName::get).toList();
    ClassName origin = ClassName.get(declaration.element());
    TypeName interfaceType = typeVariables.isEmpty()
        ? origin
        : ParameterizedTypeName.get(origin, typeVariables.toArray(TypeName[]::new));
    KeyFactory keys = new KeyFactory(name, typeVariables);
    Iterator<MethodNames> names = MethodNaming.assign(declaration).iterator();
    List<ProxyMethod> methods = new ArrayList<>();
    for (MethodDeclaration method : declaration.methods()) {
      methods.add(declaration.isCached(method)
          ? cached(declaration, method, names.next(), keys)
          : new PassThroughMethod(method.element()));
    }
    return new ProxyModel(declaration.element(), declaration.type(), name, interfaceType,
        typeVariables, methods, injectable);
  }

  private CachedMethod cached(InterfaceDeclaration owner, MethodDeclaration method,
      MethodNames names, KeyFactory keys) {
    TypeMirror returnType = method.type().getReturnType();
    ResultKind result = resultKind(returnType);
    TypeMirror value = result.isAsync() ? completedType((DeclaredType) returnType) : returnType;
    return new CachedMethod(method.element(), names,
        keys.key(method.element(), method.type(), names),
        TypeName.get(value).box(), value, result,
        CacheSettings.of(SettingsResolver.resolve(owner, method)));
  }

  private static ResultKind resultKind(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return ResultKind.VALUE;
    }
    return switch (MoreTypes.asTypeElement(type).getQualifiedName().toString()) {
      case "java.util.concurrent.CompletableFuture" -> ResultKind.COMPLETABLE_FUTURE;
      case "java.util.concurrent.CompletionStage" -> ResultKind.COMPLETION_STAGE;
      default -> ResultKind.VALUE;
    };
  }

  private TypeMirror completedType(DeclaredType future) {
    TypeMirror object = elements.getTypeElement("java.lang.Object").asType();
    if (future.getTypeArguments().isEmpty()) {
      return object;
    }
    TypeMirror argument = future.getTypeArguments().get(0);
    if (argument instanceof WildcardType wildcard) {
      return wildcard.getExtendsBound() != null ? wildcard.getExtendsBound() : object;
    }
    return argument;
  }
}
