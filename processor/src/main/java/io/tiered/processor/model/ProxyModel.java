package io.tiered.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;

/**
 * Everything needed to write one proxy.
 *
 * @param origin the interface
 * @param originType the interface as a type, for resolving inherited signatures
 * @param name the proxy's name
 * @param interfaceType the interface as the proxy implements it ({@code Repo<K, V>})
 * @param typeVariables the proxy's type variables: the interface's
 * @param methods every method the proxy implements, in declaration order
 * @param injectable whether the proxy carries JSR-330 annotations, for Dagger, Guice and the like
 */
public record ProxyModel(
    TypeElement origin,
    DeclaredType originType,
    ClassName name,
    TypeName interfaceType,
    List<TypeVariableName> typeVariables,
    List<ProxyMethod> methods,
    boolean injectable) {

  public ProxyModel {
    typeVariables = List.copyOf(typeVariables);
    methods = List.copyOf(methods);
  }

  /**
   * The cached methods, in declaration order: each one the proxy builds a cache for, including
   * the caches bulk methods own.
   */
  public List<CachedMethod> cachedMethods() {
    return methods.stream()
        .<CachedMethod>mapMulti((method, caches) -> {
          if (method instanceof CachedMethod cached) {
            caches.accept(cached);
          } else if (method instanceof BulkMethod bulk && bulk.ownsCache()) {
            caches.accept(bulk.cache());
          }
        })
        .toList();
  }

  /** The {@code @Bulk} methods, in declaration order. */
  public List<BulkMethod> bulkMethods() {
    return methods.stream()
        .filter(BulkMethod.class::isInstance)
        .map(BulkMethod.class::cast)
        .toList();
  }

  /**
   * Whether a cached method declares a {@code @Fallback} tier, which only a runtime that binds it
   * can build: such a proxy has no {@code wrap(origin)}, whose default runtime binds no tier.
   */
  public boolean hasFallbackTiers() {
    return cachedMethods().stream().anyMatch(method -> !method.settings().fallbacks().isEmpty());
  }

  /** Whether a write invalidates a tag, so the proxy keeps its runtime to call. */
  public boolean invalidatesTags() {
    return methods.stream()
        .anyMatch(method -> method instanceof WriteMethod write && !write.tags().isEmpty());
  }

  /** The proxy as a type: {@code TieredRepo<K, V>} for a generic interface. */
  public TypeName type() {
    return typeVariables.isEmpty()
        ? name
        : ParameterizedTypeName.get(name, typeVariables.toArray(TypeName[]::new));
  }
}
