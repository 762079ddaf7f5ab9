package io.tiered.processor.write;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.tiered.processor.model.CachedMethod;
import io.tiered.processor.model.WriteKey;
import io.tiered.processor.model.WriteMethod;
import io.tiered.processor.model.WriteStep;
import java.util.List;

/**
 * Writes a write method: the origin's call, then each eviction or put in declaration order, only
 * once it returned normally (for an async method, once its future completed normally; the
 * returned future completes after them, or with the origin's own exception).
 */
final class WriteMethodWriter {

  MethodSpec.Builder body(MethodSpec.Builder builder, WriteMethod method,
      List<String> parameters) {
    NameAllocator names = new NameAllocator();
    parameters.forEach(parameter -> names.newName(parameter, parameter));
    CodeBlock call = CodeBlock.of("$L.$N($L)", MethodWriter.field("origin", parameters),
        method.element().getSimpleName(), String.join(", ", parameters));
    boolean returns = !method.returnType().equals(TypeName.VOID);
    String result = returns ? names.newName("result") : null;
    CodeBlock steps = steps(method, parameters, result, names);
    if (method.result().isAsync()) {
      // Not thenApply: the caller's callbacks would see the origin's exception wrapped.
      return builder.addCode("return $T.afterSuccess($L, $N -> {\n$>$L$<});\n",
          RuntimeNames.COMPLETIONS, call, result, steps);
    }
    if (!returns) {
      return builder.addStatement("$L", call).addCode(steps);
    }
    return builder.addStatement("$T $N = $L", method.returnType(), result, call)
        .addCode(steps)
        .addStatement("return $N", result);
  }

  private static CodeBlock steps(WriteMethod method, List<String> parameters, String result,
      NameAllocator names) {
    CodeBlock.Builder code = CodeBlock.builder();
    for (WriteStep step : method.steps()) {
      String handle = MethodWriter.field(step.target().names().handle(), parameters);
      switch (step.kind()) {
        case INVALIDATE_ALL -> code.addStatement("$L.invalidateAll()", handle);
        case PUT ->
            code.add(guarded(step, CodeBlock.of("$L.put($L, $N)", handle, key(step), result)));
        case INVALIDATE -> {
          if (step.key().batch().isEmpty()) {
            code.add(guarded(step, CodeBlock.of("$L.invalidate($L)", handle, key(step))));
          } else {
            code.add(batch(step, handle, names));
          }
        }
      }
    }
    return code.build();
  }

  /** Evicts the key of each element of the batch parameter, in one call. */
  private static CodeBlock batch(WriteStep step, String handle, NameAllocator names) {
    WriteKey.Batch batch = step.key().batch().orElseThrow();
    if (batch.passedAsIs()) {
      return CodeBlock.builder()
          .addStatement("$L.invalidateAll($N)", handle, batch.parameter())
          .build();
    }
    CachedMethod target = step.target();
    String keys = names.newName(batch.parameter() + "Keys");
    String element = names.newName(batch.element());
    TypeName list = ParameterizedTypeName.get(RuntimeNames.LIST, target.key().type());
    return CodeBlock.builder()
        .addStatement("$T $N = new $T<>()", list, keys, RuntimeNames.ARRAY_LIST)
        .beginControlFlow("for ($T $N : $N)", batch.elementType(), element, batch.parameter())
        .addStatement("$N.add($L)", keys, MethodWriter.key(target, List.of(element)))
        .endControlFlow()
        .addStatement("$L.invalidateAll($N)", handle, keys)
        .build();
  }

  /**
   * {@code statement}, run only when every value the step's key paths go through is there: a path
   * that meets null ({@code order.customer().id()} with no customer) names no key.
   */
  private static CodeBlock guarded(WriteStep step, CodeBlock statement) {
    List<String> guards = step.key().guards();
    if (guards.isEmpty()) {
      return CodeBlock.builder().addStatement("$L", statement).build();
    }
    return CodeBlock.builder()
        .beginControlFlow("if ($L)", String.join(" && ",
            guards.stream().map(guard -> guard + " != null").toList()))
        .addStatement("$L", statement)
        .endControlFlow()
        .build();
  }

  private static CodeBlock key(WriteStep step) {
    return MethodWriter.key(step.target(), step.key().expressions());
  }
}
