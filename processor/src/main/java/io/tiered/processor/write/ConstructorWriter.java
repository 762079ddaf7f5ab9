package io.tiered.processor.write;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import io.tiered.processor.model.BulkMethod;
import io.tiered.processor.model.CachedMethod;
import io.tiered.processor.model.KeyComponent;
import io.tiered.processor.model.KeyShape;
import io.tiered.processor.model.ProxyModel;
import io.tiered.processor.model.ResultKind;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;

/**
 * Writes the proxy's constructor, which builds one cache per cached method, and {@code wrap},
 * which builds them with the default runtime (for interfaces without {@code @Fallback} tiers).
 */
final class ConstructorWriter {
  private final DefinitionWriter definitions;
  private final BulkWriter bulks;

  ConstructorWriter(DefinitionWriter definitions, BulkWriter bulks) {
    this.definitions = definitions;
    this.bulks = bulks;
  }

  MethodSpec constructor(ProxyModel proxy) {
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder()
        .addJavadoc("Caches {@code origin}'s methods in the tiers of {@code runtime}.\n\n")
        .addJavadoc("@throws IllegalStateException if a {@code @Fallback} tier is not bound in"
            + " {@code runtime}\n");
    InjectionWriter.annotateConstructor(constructor, proxy);
    constructor.addModifiers(Modifier.PUBLIC)
        .addParameter(InjectionWriter.origin(proxy))
        .addParameter(RuntimeNames.TIERED_RUNTIME, "runtime")
        .addStatement("this.origin = $T.requireNonNull(origin, $S)", RuntimeNames.OBJECTS,
            "origin");
    if (proxy.invalidatesTags()) {
      constructor.addStatement("this.runtime = runtime");
    }
    Set<CachedMethod> builtWithBulkReads = proxy.bulkMethods().stream()
        .filter(BulkMethod::ownsCache).map(BulkMethod::cache).collect(Collectors.toSet());
    for (CachedMethod method : proxy.cachedMethods()) {
      if (builtWithBulkReads.contains(method)) {
        continue; // its bulk origin answers its single keys: built below, with its bulk reads
      }
      constructor.addStatement("this.$N = runtime.$N(\n$L,\n$L)", method.names().handle(),
          method.result().isAsync() ? "asyncCache" : "cache",
          definitions.definition(method), loader(method));
    }
    proxy.bulkMethods().forEach(method -> bulks.wire(constructor, method));
    return constructor.build();
  }

  MethodSpec wrap(ProxyModel proxy) {
    return MethodSpec.methodBuilder("wrap")
        .addJavadoc("Caches {@code origin}'s methods with {@link $T#defaults()}:\n"
            + "the system clock, no listener and no fallback tiers.\n", RuntimeNames.TIERED_RUNTIME)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addTypeVariables(proxy.typeVariables())
        .returns(proxy.type())
        .addParameter(proxy.interfaceType(), "origin")
        .addStatement("return new $T$L(origin, $T.defaults())", proxy.name(),
            proxy.typeVariables().isEmpty() ? "" : "<>", RuntimeNames.TIERED_RUNTIME)
        .build();
  }

  private static CodeBlock loader(CachedMethod method) {
    String name = method.element().getSimpleName().toString();
    if (method.key().shape() == KeyShape.PARAMETER && !method.result().isReactive()
        && !isWildcardFuture(method)) {
      return CodeBlock.of("origin::$N", name);
    }
    CodeBlock call = switch (method.key().shape()) {
      case NONE -> CodeBlock.of("origin.$N()", name);
      case PARAMETER -> CodeBlock.of("origin.$N(key)", name);
      case RECORD -> CodeBlock.of("origin.$N($L)", name,
          method.key().record().orElseThrow().components().stream()
              .map(ConstructorWriter::argument)
              .collect(CodeBlock.joining(", ")));
    };
    if (method.result().isReactive()) { // subscribed at once, in the caller's Reactor context
      return CodeBlock.of("key -> $T.$N($L)", RuntimeNames.REACTOR_CALLS,
          method.result() == ResultKind.FLUX ? "loadAll" : "load", call);
    }
    // A loader returns a CompletionStage of exactly the cached type; widen a wildcard's stage.
    return isWildcardFuture(method)
        ? CodeBlock.of("key -> $L.thenApply(value -> value)", call)
        : CodeBlock.of("key -> $L", call);
  }

  /**
   * {@code key.sku()}, what the origin is given of one key component. An array is a copy: the
   * origin may change what it is given (sort it), and the key's own array must keep the content
   * it is compared and hashed by while the key sits in L1 and in the map of loads in flight.
   */
  private static CodeBlock argument(KeyComponent component) {
    return component.equality() == KeyComponent.Equality.OBJECT
        ? CodeBlock.of("key.$N()", component.name())
        : ArrayCopies.copy(component, CodeBlock.of("key.$N()", component.name()));
  }

  /** Whether {@code method} returns a future of a wildcard, such as {@code CompletableFuture<?>}. */
  private static boolean isWildcardFuture(CachedMethod method) {
    return method.result().isAsync() && !method.result().isReactive()
        && method.element().getReturnType() instanceof DeclaredType future
        && future.getTypeArguments().stream()
            .anyMatch(argument -> argument.getKind() == TypeKind.WILDCARD);
  }
}
