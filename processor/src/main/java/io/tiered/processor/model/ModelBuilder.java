package io.tiered.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import io.tiered.processor.read.InterfaceDeclaration;
import io.tiered.processor.read.MethodDeclaration;
import io.tiered.processor.read.SettingsResolver;
import io.tiered.processor.read.WriteAnnotation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Turns a validated {@link InterfaceDeclaration} into the {@link ProxyModel} writers work from. */
public final class ModelBuilder {
  private final Results results;
  private final WriteTargets targets;
  private final WriteKeyResolver writeKeys;
  private final TagResolver tags;
  private final boolean injectable;
  private final Elements elements;
  private final Types types;

  /** {@code injectable}: whether the proxies carry JSR-330 annotations; see {@link ProxyModel}. */
  public ModelBuilder(Elements elements, Types types, boolean injectable) {
    this.results = new Results(elements, types);
    this.targets = new WriteTargets(types);
    this.writeKeys = new WriteKeyResolver(elements, types);
    this.tags = new TagResolver(elements, types);
    this.injectable = injectable;
    this.elements = elements;
    this.types = types;
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
    List<MethodNames> names = MethodNaming.assign(declaration);
    List<MethodDeclaration> owners = CacheOwners.of(declaration);
    Map<ExecutableElement, CachedMethod> cached = new LinkedHashMap<>();
    Map<ExecutableElement, ExecutableElement> ownerOf = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      MethodDeclaration method = declaration.cachedMethods().get(i);
      boolean buildsCache = owners.get(i).equals(method);
      cached.put(method.element(),
          cached(declaration, method, names.get(i), keys, buildsCache));
      ownerOf.put(method.element(), owners.get(i).element());
    }
    List<ProxyMethod> methods = new ArrayList<>();
    for (MethodDeclaration method : declaration.methods()) {
      if (declaration.isCached(method) && method.bulk().isPresent()) {
        CachedMethod own = cached.get(method.element());
        CachedMethod cache = cached.get(ownerOf.get(method.element()));
        methods.add(new BulkMethod(method.element(), own.names(), cache,
            BulkShape.of(method.type(), elements, types).orElseThrow(), cache == own));
      } else if (declaration.isCached(method)) {
        methods.add(cached.get(method.element()));
      } else if (method.isWrite()) {
        methods.add(write(declaration, method, cached));
      } else {
        methods.add(new PassThroughMethod(method.element()));
      }
    }
    return new ProxyModel(declaration.element(), declaration.type(), name, interfaceType,
        typeVariables, methods, injectable);
  }

  private CachedMethod cached(InterfaceDeclaration owner, MethodDeclaration method,
      MethodNames names, KeyFactory keys, boolean buildsCache) {
    TypeMirror returnType = method.type().getReturnType();
    ResultKind result = Results.kind(returnType);
    List<TagTemplate> tagged = buildsCache
        ? TagResolver.inForce(owner, method).stream()
            .map(tag -> resolved(tags.overKey(tag.template(), method)))
            .toList()
        : List.of();
    if (method.bulk().isPresent()) { // one entry per key: the cache of the elements
      BulkShape shape = BulkShape.of(method.type(), elements, types).orElseThrow();
      return new CachedMethod(method.element(), names,
          new CacheKey(KeyShape.PARAMETER, TypeName.get(shape.keyType()),
              Optional.of(shape.keyType()), Optional.empty()),
          TypeName.get(shape.valueType()), shape.valueType(), result,
          CacheSettings.of(SettingsResolver.resolve(owner, method)), tagged);
    }
    TypeMirror value = results.valueType(returnType);
    return new CachedMethod(method.element(), names,
        keys.key(method.element(), method.type(), names),
        TypeName.get(value).box(), value, result,
        CacheSettings.of(SettingsResolver.resolve(owner, method)), tagged);
  }

  private WriteMethod write(InterfaceDeclaration owner, MethodDeclaration method,
      Map<ExecutableElement, CachedMethod> cached) {
    List<WriteStep> steps = new ArrayList<>();
    for (WriteAnnotation write : method.annotations().writes()) {
      MethodDeclaration target = targets.matching(owner, write.target()).get(0);
      WriteKey key = ((WriteKeyResolver.Found) writeKeys.resolve(write, method, target)).key();
      WriteStep.Kind kind = write.kind() == WriteAnnotation.Kind.PUT ? WriteStep.Kind.PUT
          : write.all() ? WriteStep.Kind.INVALIDATE_ALL
          : WriteStep.Kind.INVALIDATE;
      steps.add(new WriteStep(kind, cached.get(target.element()), key));
    }
    List<TagTemplate> invalidated = method.annotations().tagInvalidations().stream()
        .map(tag -> resolved(tags.overParameters(tag.template(), method)))
        .toList();
    TypeMirror returnType = method.type().getReturnType();
    return new WriteMethod(method.element(), TypeName.get(returnType), Results.kind(returnType),
        steps, invalidated);
  }

  /** A template the validator let through resolves. */
  private static TagTemplate resolved(TagResolver.Outcome outcome) {
    return ((TagResolver.Resolved) outcome).template();
  }
}
