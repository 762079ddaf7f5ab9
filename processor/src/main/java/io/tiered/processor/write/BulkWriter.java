package io.tiered.processor.write;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.tiered.processor.model.BulkMethod;
import io.tiered.processor.model.BulkShape;
import io.tiered.processor.model.CachedMethod;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes what a {@code @Bulk} method adds to the proxy: the field of its bulk reads, their wiring
 * in the constructor (after every cache is built, for it may share one), its body, and the handle
 * of a cache it shares.
 */
final class BulkWriter {
  private final DefinitionWriter definitions;

  BulkWriter(DefinitionWriter definitions) {
    this.definitions = definitions;
  }

  FieldSpec field(BulkMethod method) {
    return FieldSpec.builder(bulkType(method), method.bulkField(), Modifier.PRIVATE,
        Modifier.FINAL).build();
  }

  /**
   * Builds the bulk reads; for a cache of its own, first the cache, whose single keys the bulk
   * origin answers too.
   */
  void wire(MethodSpec.Builder constructor, BulkMethod method) {
    CachedMethod cache = method.cache();
    boolean async = method.shape().result().isAsync();
    if (!method.ownsCache()) {
      constructor.addStatement("this.$N = runtime.$N($N, $L)", method.bulkField(),
          async ? "asyncBulk" : "bulk", cache.names().handle(), loader(method));
      return;
    }
    String loader = method.element().getSimpleName() + "Loader";
    constructor.addStatement("$T $N = $L",
        ParameterizedTypeName.get(async ? RuntimeNames.ASYNC_BULK_LOADER : RuntimeNames.BULK_LOADER,
            cache.key().type(), cache.valueType()), loader, loader(method))
        .addStatement("this.$N = runtime.$N(\n$L,\n$N.one())", cache.names().handle(),
            async ? "asyncCache" : "cache", definitions.definition(cache), loader)
        .addStatement("this.$N = runtime.$N($N, $N)", method.bulkField(),
            async ? "asyncBulk" : "bulk", cache.names().handle(), loader);
  }

  /** Calls the origin with the keys to load, converted to the parameter's kind. */
  private static CodeBlock loader(BulkMethod method) {
    CodeBlock keys = switch (method.shape().keys()) {
      case SET -> CodeBlock.of("new $T<>(keys)", RuntimeNames.LINKED_HASH_SET);
      case LIST, COLLECTION, ITERABLE -> CodeBlock.of("keys");
      case ARRAY -> CodeBlock.of("keys.toArray(new $T[0])", TypeName.get(method.shape().keyType()));
    };
    CodeBlock call = CodeBlock.of("origin.$N($L)", method.element().getSimpleName(), keys);
    return method.shape().result().isReactive()
        ? CodeBlock.of("keys -> $T.load($L)", RuntimeNames.REACTOR_CALLS, call)
        : CodeBlock.of("keys -> $L", call);
  }

  /** The body: the bulk reads of the argument's keys. */
  CodeBlock body(BulkMethod method, List<String> parameters) {
    String argument = parameters.get(0);
    CodeBlock keys = method.shape().keys() == BulkShape.Keys.ARRAY
        ? CodeBlock.of("$T.asList($N)", RuntimeNames.ARRAYS, argument)
        : CodeBlock.of("$N", argument);
    CodeBlock call = CodeBlock.of("$L.$N($L)", MethodWriter.field(method.bulkField(), parameters),
        method.shape().result().isAsync() ? "getAllAsync" : "getAll", keys);
    return method.shape().result().isReactive()
        ? CodeBlock.of("return $T.mono(() -> $L)", RuntimeNames.REACTOR_CALLS, call)
        : CodeBlock.of("return $L", call);
  }

  /** The handle of a bulk method that shares its cache: the same cache as its owner's handle. */
  MethodSpec sharedHandle(BulkMethod method) {
    CachedMethod cache = method.cache();
    return MethodSpec.methodBuilder(method.names().handle())
        .addJavadoc("The cache of {@code $L}, shared with {@code $L}\nunder the name {@code $S}:"
                + " to evict a key after a write, or to put a value.\n",
            method.names().description(), cache.names().description(), cache.names().cacheName())
        .addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(RuntimeNames.TIERED_CACHE, cache.key().type(),
            cache.valueType()))
        .addStatement("return $N", cache.names().handle())
        .build();
  }

  private static TypeName bulkType(BulkMethod method) {
    return ParameterizedTypeName.get(RuntimeNames.BULK_CACHE, method.cache().key().type(),
        method.cache().valueType());
  }
}
