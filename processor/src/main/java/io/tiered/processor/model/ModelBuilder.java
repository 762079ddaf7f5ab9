package io.tiered.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import io.tiered.Bulk;
import io.tiered.processor.read.InterfaceDeclaration;
import io.tiered.processor.read.MethodDeclaration;
import io.tiered.processor.read.SettingsResolver;
import io.tiered.processor.read.WriteAnnotation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
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
  private final boolean injectable;
  private final Elements elements;
  private final Types types;

  /** {@code injectable}: whether the proxies carry JSR-330 annotations; see {@link ProxyModel}. */
  public ModelBuilder(Elements elements, Types types, boolean injectable) {
    this.results = new Results(elements, types);
    this.targets = new WriteTargets(types);
    this.writeKeys = new WriteKeyResolver(elements, types);
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
    Iterator<MethodNames> names = MethodNaming.assign(declaration).iterator();
    Map<ExecutableElement, CachedMethod> cached = new LinkedHashMap<>();
    for (MethodDeclaration method : declaration.cachedMethods()) {
      cached.put(method.element(), cached(declaration, method, names.next(), keys));
    }
    Map<String, CachedMethod> owners = cacheOwners(cached.values());
    List<ProxyMethod> methods = new ArrayList<>();
    for (MethodDeclaration method : declaration.methods()) {
      if (declaration.isCached(method) && method.bulk().isPresent()) {
        CachedMethod own = cached.get(method.element());
        CachedMethod cache = owners.get(own.names().cacheName());
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

  /**
   * The method that builds each cache: of the methods sharing its name (only bulk methods may),
   * the single-key one if any, else the first.
   */
  private static Map<String, CachedMethod> cacheOwners(Collection<CachedMethod> cached) {
    Map<String, CachedMethod> owners = new HashMap<>();
    for (CachedMethod method : cached) {
      if (method.element().getAnnotation(Bulk.class) == null) {
        owners.put(method.names().cacheName(), method);
      }
    }
    cached.forEach(method -> owners.putIfAbsent(method.names().cacheName(), method));
    return owners;
  }

  private CachedMethod cached(InterfaceDeclaration owner, MethodDeclaration method,
      MethodNames names, KeyFactory keys) {
    TypeMirror returnType = method.type().getReturnType();
    ResultKind result = Results.kind(returnType);
    if (method.bulk().isPresent()) { // one entry per key: the cache of the elements
      BulkShape shape = BulkShape.of(method.type(), elements, types).orElseThrow();
      return new CachedMethod(method.element(), names,
          new CacheKey(KeyShape.PARAMETER, TypeName.get(shape.keyType()),
              Optional.of(shape.keyType()), Optional.empty()),
          TypeName.get(shape.valueType()), shape.valueType(), result,
          CacheSettings.of(SettingsResolver.resolve(owner, method)));
    }
    TypeMirror value = results.valueType(returnType);
    return new CachedMethod(method.element(), names,
        keys.key(method.element(), method.type(), names),
        TypeName.get(value).box(), value, result,
        CacheSettings.of(SettingsResolver.resolve(owner, method)));
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
    TypeMirror returnType = method.type().getReturnType();
    return new WriteMethod(method.element(), TypeName.get(returnType), Results.kind(returnType),
        steps);
  }
}
