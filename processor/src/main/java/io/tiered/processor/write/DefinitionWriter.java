package io.tiered.processor.write;

import com.palantir.javapoet.CodeBlock;
import io.tiered.processor.model.CacheKey;
import io.tiered.processor.model.CacheSettings;
import io.tiered.processor.model.CachedMethod;
import io.tiered.processor.model.FallbackSetting;

/**
 * Writes the {@code CacheDefinition} of one cached method, with only the settings that differ
 * from the defaults.
 */
final class DefinitionWriter {
  private final TypeLiteralWriter literals;

  DefinitionWriter(TypeLiteralWriter literals) {
    this.literals = literals;
  }

  CodeBlock definition(CachedMethod method) {
    CodeBlock.Builder code = CodeBlock.builder()
        .add("$T.<$T, $T>builder($S,$W$L,$W$L)", RuntimeNames.CACHE_DEFINITION,
            method.key().type(), method.valueType(), method.names().cacheName(),
            keyType(method.key()), literals.of(method.valueMirror()))
        .indent()
        .add("\n.method($S)", method.names().description());
    settings(code, method.settings());
    if (!method.tags().isEmpty()) {
      code.add("\n.tags($L)", TagWriter.keyTags(method));
    }
    return code.add("\n.build()").unindent().build();
  }

  private static void settings(CodeBlock.Builder code, CacheSettings settings) {
    if (settings.maximumSize() != CacheSettings.DEFAULT_MAXIMUM_SIZE) {
      code.add("\n.maximumSize($L)", DurationWriter.number(settings.maximumSize()));
    }
    settings.ttl().ifPresent(ttl -> code.add("\n.ttl($L)", DurationWriter.of(ttl)));
    if (settings.jitter() > 0) {
      code.add("\n.jitter($L)", settings.jitter());
    }
    settings.refreshAfter()
        .ifPresent(refresh -> code.add("\n.refreshAfter($L)", DurationWriter.of(refresh)));
    if (settings.cacheNulls()) {
      code.add("\n.cacheNulls(true)");
    }
    settings.nullTtl().ifPresent(nullTtl -> code.add("\n.nullTtl($L)", DurationWriter.of(nullTtl)));
    settings.staleFor().ifPresent(staleFor -> code.add("\n.staleIfError($L, $L)",
        DurationWriter.of(staleFor),
        settings.softTimeout().map(DurationWriter::of).orElse(CodeBlock.of("null"))));
    for (FallbackSetting fallback : settings.fallbacks()) {
      code.add("\n.fallback($S, $L, $L)", fallback.tier(),
          fallback.ttl().map(DurationWriter::of).orElse(CodeBlock.of("null")), fallback.promote());
    }
  }

  private CodeBlock keyType(CacheKey key) {
    return switch (key.shape()) {
      case NONE -> CodeBlock.of("$T.class", RuntimeNames.NO_KEY);
      case PARAMETER -> literals.of(key.parameterType().orElseThrow());
      case RECORD -> CodeBlock.of("$T.class", key.record().orElseThrow().name());
    };
  }
}
