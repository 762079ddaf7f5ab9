package io.tiered.processor.write;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import io.tiered.processor.model.CachedMethod;
import io.tiered.processor.model.ProxyModel;
import java.util.List;
import javax.lang.model.element.Modifier;

/** Writes each cached method's {@code TieredCache} field and typed handle, and {@code caches()}. */
final class HandleWriter {

  FieldSpec field(CachedMethod method) {
    return FieldSpec.builder(cacheType(method), method.names().handle(),
        Modifier.PRIVATE, Modifier.FINAL).build();
  }

  MethodSpec handle(CachedMethod method, List<CachedMethod> all) {
    MethodSpec.Builder handle = MethodSpec.methodBuilder(method.names().handle())
        .addJavadoc("The cache of {@code $L}, named {@code $S}:\nto evict a key after a write,"
            + " or to put a value.\n", method.names().description(), method.names().cacheName());
    if (isOverloaded(method, all)) {
      handle.addJavadoc("\n<p>{@code $L} is overloaded, so the handles of its overloads are named\n"
          + "after the method, its parameter types and {@code Cache}.\n",
          method.element().getSimpleName());
    }
    return handle.addModifiers(Modifier.PUBLIC)
        .returns(cacheType(method))
        .addStatement("return $N", method.names().handle())
        .build();
  }

  MethodSpec caches(ProxyModel proxy) {
    TypeName anyCache = ParameterizedTypeName.get(RuntimeNames.TIERED_CACHE,
        WildcardTypeName.subtypeOf(Object.class), WildcardTypeName.subtypeOf(Object.class));
    return MethodSpec.methodBuilder("caches")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(RuntimeNames.LIST, anyCache))
        .addStatement("return $T.of($L)", RuntimeNames.LIST, proxy.cachedMethods().stream()
            .map(method -> CodeBlock.of("$N", method.names().handle()))
            .collect(CodeBlock.joining(",$W")))
        .build();
  }

  private static TypeName cacheType(CachedMethod method) {
    return ParameterizedTypeName.get(
        RuntimeNames.TIERED_CACHE, method.key().type(), method.valueType());
  }

  private static boolean isOverloaded(CachedMethod method, List<CachedMethod> all) {
    return all.stream().filter(other -> other.element().getSimpleName()
        .contentEquals(method.element().getSimpleName())).count() > 1;
  }
}
