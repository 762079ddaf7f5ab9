package io.tiered.processor.write;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import io.tiered.processor.model.CachedMethod;
import io.tiered.processor.model.KeyComponent;
import io.tiered.processor.model.ProxyModel;
import javax.lang.model.element.Modifier;

/** Writes the proxy's constructor, which builds one cache per cached method, and {@code wrap}. */
final class ConstructorWriter {
  private final DefinitionWriter definitions;

  ConstructorWriter(DefinitionWriter definitions) {
    this.definitions = definitions;
  }

  MethodSpec constructor(ProxyModel proxy) {
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder()
        .addJavadoc("Caches {@code origin}'s methods in the tiers of {@code runtime}.\n\n")
        .addJavadoc("@throws IllegalStateException if a {@code @Fallback} tier is not bound in"
            + " {@code runtime}\n")
        .addModifiers(Modifier.PUBLIC)
        .addParameter(proxy.interfaceType(), "origin")
        .addParameter(RuntimeNames.TIERED_RUNTIME, "runtime")
        .addStatement("this.origin = $T.requireNonNull(origin, $S)", RuntimeNames.OBJECTS,
            "origin");
    for (CachedMethod method : proxy.cachedMethods()) {
      constructor.addStatement("this.$N = runtime.$N(\n$L,\n$L)", method.names().handle(),
          method.result().isAsync() ? "asyncCache" : "cache",
          definitions.definition(method), loader(method));
    }
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
    return switch (method.key().shape()) {
      case NONE -> CodeBlock.of("key -> origin.$N()", name);
      case PARAMETER -> CodeBlock.of("origin::$N", name);
      case RECORD -> CodeBlock.of("key -> origin.$N($L)", name,
          method.key().record().orElseThrow().components().stream()
              .map(KeyComponent::name)
              .map(component -> CodeBlock.of("key.$N()", component))
              .collect(CodeBlock.joining(", ")));
    };
  }

}
