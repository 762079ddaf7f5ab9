package io.tiered.processor.write;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import io.tiered.processor.model.BulkMethod;
import io.tiered.processor.model.CachedMethod;
import io.tiered.processor.model.KeyRecord;
import io.tiered.processor.model.PassThroughMethod;
import io.tiered.processor.model.ProxyMethod;
import io.tiered.processor.model.ProxyModel;
import io.tiered.processor.model.ResultKind;
import io.tiered.processor.model.WriteMethod;
import java.util.List;
import javax.lang.model.util.Types;

/**
 * Writes the proxy's implementation of an interface method: a cache lookup, a write, or a forward.
 */
final class MethodWriter {
  private final Types types;
  private final WriteMethodWriter writes = new WriteMethodWriter();
  private final BulkWriter bulks;

  MethodWriter(Types types, BulkWriter bulks) {
    this.types = types;
    this.bulks = bulks;
  }

  MethodSpec method(ProxyModel proxy, ProxyMethod method) {
    MethodSpec.Builder builder = MethodSpec.overriding(method.element(), proxy.originType(), types);
    List<String> parameters = method.element().getParameters().stream()
        .map(parameter -> parameter.getSimpleName().toString()).toList();
    return switch (method) {
      case CachedMethod cached -> builder.addStatement(lookup(cached, parameters)).build();
      case BulkMethod bulk -> builder.addStatement(bulks.body(bulk, parameters)).build();
      case WriteMethod write -> writes.body(builder, write, parameters).build();
      case PassThroughMethod passThrough -> builder
          .addStatement("$L$L.$N($L)", passThrough.returnsVoid() ? "" : "return ",
              field("origin", parameters), method.element().getSimpleName(),
              String.join(", ", parameters))
          .build();
    };
  }

  /**
   * {@code return cache.get(key)}; for a {@code Mono} or {@code Flux}, a publisher that makes the
   * call at each subscription.
   */
  private static CodeBlock lookup(CachedMethod method, List<String> parameters) {
    CodeBlock call = CodeBlock.of("$L.$N($L)", field(method.names().handle(), parameters),
        method.result().isAsync() ? "getAsync" : "get", key(method, parameters));
    return method.result().isReactive()
        ? CodeBlock.of("return $T.$N(() -> $L)", RuntimeNames.REACTOR_CALLS,
            method.result() == ResultKind.FLUX ? "flux" : "mono", call)
        : CodeBlock.of("return $L", call);
  }

  /** {@code method}'s key built from {@code parameters}, Java expressions, one per parameter. */
  static CodeBlock key(CachedMethod method, List<String> parameters) {
    return switch (method.key().shape()) {
      case NONE -> CodeBlock.of("$T.INSTANCE", RuntimeNames.NO_KEY);
      case PARAMETER -> CodeBlock.of("$N", parameters.get(0));
      case RECORD -> {
        KeyRecord record = method.key().record().orElseThrow();
        yield CodeBlock.of("new $T$L($L)", record.name(),
            record.typeVariables().isEmpty() ? "" : "<>", String.join(", ", parameters));
      }
    };
  }

  /** The field, qualified with {@code this} where a parameter of the same name hides it. */
  static String field(String name, List<String> parameters) {
    return parameters.contains(name) ? "this." + name : name;
  }
}
