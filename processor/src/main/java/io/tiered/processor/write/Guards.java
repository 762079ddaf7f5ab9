package io.tiered.processor.write;

import com.palantir.javapoet.CodeBlock;
import java.util.Collection;

/**
 * Null checks on the values an accessor path goes through: a path that meets null
 * ({@code order.customer().id()} with no customer) has no value, and what needs it is skipped.
 */
final class Guards {
  private Guards() {}

  /** {@code order != null && order.customer() != null}. */
  static String condition(Collection<String> guards) {
    return String.join(" && ", guards.stream().map(guard -> guard + " != null").toList());
  }

  /** {@code statement;}, run only when none of {@code guards} is null. */
  static CodeBlock guarded(Collection<String> guards, CodeBlock statement) {
    if (guards.isEmpty()) {
      return CodeBlock.builder().addStatement("$L", statement).build();
    }
    return CodeBlock.builder()
        .beginControlFlow("if ($L)", condition(guards))
        .addStatement("$L", statement)
        .endControlFlow()
        .build();
  }
}
