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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a write method: the origin's call, then each tag invalidation and each eviction or put,
 * in declaration order, only
 * once it returned normally (for an async method, once its future completed normally; the
 * returned future completes after them, or with the origin's own exception). A put begins before
 * the origin's call ({@code TieredCache.beginPut}), so that it is ordered with the writes it races
 * across the fleet, and is cancelled if the call fails.
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
    Map<WriteStep, String> puts = new LinkedHashMap<>();
    method.steps().stream().filter(step -> step.kind() == WriteStep.Kind.PUT).forEach(step ->
        puts.put(step, names.newName(step.target().names().handle() + "Put")));
    CodeBlock steps = steps(method, parameters, result, puts, names);
    if (method.result().isReactive()) {
      return reactive(builder, method, parameters, call, result, steps, puts, names);
    }
    puts.forEach((step, put) -> builder.addStatement("var $N = $L.beginPut($L)", put,
        handle(step, parameters), guardedKey(step)));
    if (method.result().isAsync()) {
      // Not thenApply: the caller's callbacks would see the origin's exception wrapped.
      if (puts.isEmpty()) {
        return builder.addCode("return $T.afterSuccess($L, $N -> {\n$>$L$<});\n",
            RuntimeNames.COMPLETIONS, call, result, steps);
      }
      String stage = names.newName("stage");
      return callCancelling(builder, method.returnType(), stage, call, puts, names)
          .addCode("return $T.afterSuccess($N, $N -> {\n$>$L$<}, () -> {\n$>$L$<});\n",
              RuntimeNames.COMPLETIONS, stage, result, steps, cancels(puts));
    }
    if (!returns) {
      return builder.addStatement("$L", call).addCode(steps);
    }
    if (puts.isEmpty()) {
      builder.addStatement("$T $N = $L", method.returnType(), result, call);
    } else {
      callCancelling(builder, method.returnType(), result, call, puts, names);
    }
    return builder.addCode(steps).addStatement("return $N", result);
  }

  /**
   * A {@code Mono} write: the origin's {@code Mono}, whose every subscription runs the steps once it
   * completes normally (empty: with null), before the returned {@code Mono} completes. Each
   * subscription begins its puts first, before the origin's {@code Mono} is subscribed; a cancel
   * evicts every key the write names.
   */
  private static MethodSpec.Builder reactive(MethodSpec.Builder builder, WriteMethod method,
      List<String> parameters, CodeBlock call, String result, CodeBlock steps, Map<WriteStep, String> puts,
      NameAllocator names) {
    CodeBlock evictions = evictions(method, parameters, puts, names);
    if (puts.isEmpty()) {
      return builder.addCode(
          "return $T.afterSuccess($L, $N -> {\n$>$L$<}, () -> {}, () -> {\n$>$L$<});\n",
          RuntimeNames.REACTOR_CALLS, call, result, steps, evictions);
    }
    String publisher = names.newName("publisher");
    builder.addStatement("$T $N = $L", method.returnType(), publisher, call)
        .addCode("return $T.defer(() -> {\n$>", RuntimeNames.MONO);
    puts.forEach((step, put) -> builder.addStatement("var $N = $L.beginPut($L)", put,
        handle(step, parameters), guardedKey(step)));
    return builder.addCode("return $T.afterSuccess($N, $N -> {\n$>$L$<}, () -> {\n$>$L$<},"
                + " () -> {\n$>$L$<});\n",
            RuntimeNames.REACTOR_CALLS, publisher, result, steps, cancels(puts), evictions)
        .addCode("$<});\n");
  }

  /** {@code type variable = call;}, the puts begun cancelled should the call throw. */
  private static MethodSpec.Builder callCancelling(MethodSpec.Builder builder, TypeName type,
      String variable, CodeBlock call, Map<WriteStep, String> puts, NameAllocator names) {
    String failure = names.newName("failure");
    return builder.addStatement("$T $N", type, variable)
        .beginControlFlow("try")
        .addStatement("$N = $L", variable, call)
        .nextControlFlow("catch ($T $N)", Throwable.class, failure)
        .addCode(cancels(puts))
        .addStatement("throw $N", failure)
        .endControlFlow();
  }

  private static CodeBlock cancels(Map<WriteStep, String> puts) {
    CodeBlock.Builder code = CodeBlock.builder();
    puts.values().forEach(put -> code.addStatement("$N.cancel()", put));
    return code.build();
  }

  private static CodeBlock steps(WriteMethod method, List<String> parameters, String result,
      Map<WriteStep, String> puts, NameAllocator names) {
    // Tags first: a put then completes after the invalidation of the tags its key may carry.
    CodeBlock.Builder code = CodeBlock.builder().add(TagWriter.invalidations(method, parameters));
    for (WriteStep step : method.steps()) {
      String handle = handle(step, parameters);
      code.add(step.kind() == WriteStep.Kind.PUT
          ? completion(step, handle, puts.get(step), result, names)
          : eviction(step, handle, names));
    }
    return code.build();
  }

  /**
   * What a cancelled reactive write does, its outcome unknown: each put begun is cancelled and its
   * key evicted, and each tag invalidation and eviction runs, in declaration order.
   */
  private static CodeBlock evictions(WriteMethod method, List<String> parameters,
      Map<WriteStep, String> puts, NameAllocator names) {
    CodeBlock.Builder code = CodeBlock.builder().add(TagWriter.invalidations(method, parameters));
    for (WriteStep step : method.steps()) {
      String handle = handle(step, parameters);
      if (step.kind() == WriteStep.Kind.PUT) {
        code.addStatement("$N.cancel()", puts.get(step))
            .addStatement("$L.invalidate($N.key())", handle, puts.get(step));
      } else {
        code.add(eviction(step, handle, names));
      }
    }
    return code.build();
  }

  private static CodeBlock eviction(WriteStep step, String handle, NameAllocator names) {
    if (step.kind() == WriteStep.Kind.INVALIDATE_ALL) {
      return CodeBlock.builder().addStatement("$L.invalidateAll()", handle).build();
    }
    return step.key().batch().isEmpty()
        ? guarded(step, CodeBlock.of("$L.invalidate($L)", handle, key(step)))
        : batch(step, handle, names);
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
   * Completes the put begun, if the arguments still name the key it began with; if the origin's
   * call changed them (it set the id of the entity it saved, say), puts the value under the key
   * they name now instead, unordered.
   */
  private static CodeBlock completion(WriteStep step, String handle, String put, String result,
      NameAllocator names) {
    String key = names.newName(put + "Key");
    return CodeBlock.builder()
        .addStatement("$T $N = $L", step.target().key().type().box(), key, guardedKey(step))
        .beginControlFlow("if ($T.equals($N.key(), $N))", Objects.class, put, key)
        .addStatement("$N.complete($N)", put, result)
        .nextControlFlow("else")
        .addStatement("$N.cancel()", put)
        .addStatement("$L.put($N, $N)", handle, key, result)
        .endControlFlow()
        .build();
  }

  /** The step's key, or null when a path it goes through meets null. */
  private static CodeBlock guardedKey(WriteStep step) {
    List<String> guards = step.key().guards();
    if (guards.isEmpty()) {
      return key(step);
    }
    return CodeBlock.of("$L ? $L : null", Guards.condition(guards), key(step));
  }

  private static String handle(WriteStep step, List<String> parameters) {
    return MethodWriter.field(step.target().names().handle(), parameters);
  }

  /**
   * {@code statement}, run only when every value the step's key paths go through is there: a path
   * that meets null ({@code order.customer().id()} with no customer) names no key.
   */
  private static CodeBlock guarded(WriteStep step, CodeBlock statement) {
    return Guards.guarded(step.key().guards(), statement);
  }

  private static CodeBlock key(WriteStep step) {
    return MethodWriter.key(step.target(), step.key().expressions());
  }
}
