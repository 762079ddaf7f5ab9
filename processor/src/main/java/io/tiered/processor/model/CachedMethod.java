package io.tiered.processor.model;

import com.palantir.javapoet.TypeName;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeMirror;

/**
 * A method the proxy answers from its cache.
 *
 * @param element the interface method
 * @param names its cache name, description, handle and key record names
 * @param key its key
 * @param valueType the cached value's type (boxed; for async methods, the completed value's)
 * @param valueMirror the same type as the compiler sees it, to write its reflective {@code Type}
 * @param result how the method returns its value
 * @param settings its validated settings
 * @param tags the tags its entries carry, over its key (over each key, for a bulk method); empty
 *     for a bulk method that shares another's cache, whose owner's tags apply
 */
public record CachedMethod(
    ExecutableElement element,
    MethodNames names,
    CacheKey key,
    TypeName valueType,
    TypeMirror valueMirror,
    ResultKind result,
    CacheSettings settings,
    List<TagTemplate> tags) implements ProxyMethod {

  public CachedMethod {
    tags = List.copyOf(tags);
  }
}
