package io.tiered.processor.write;

import com.palantir.javapoet.CodeBlock;
import io.tiered.processor.model.AccessorPath;
import io.tiered.processor.model.CachedMethod;
import io.tiered.processor.model.KeyShape;
import io.tiered.processor.model.TagTemplate;
import io.tiered.processor.model.WriteMethod;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes tags filled in: a cached method's {@code KeyTags}, over its key, and a write's
 * {@code runtime.invalidateTag} calls, over its parameters. A placeholder whose path meets null
 * on its way names no tag: the tag is left out, the invalidation skipped, as a write's key path
 * is (so no {@code NullPointerException} after the origin returned).
 */
final class TagWriter {
  private TagWriter() {}

  /** {@code key -> List.of("product:" + key)}: the tags of one key's entries. */
  static CodeBlock keyTags(CachedMethod method) {
    Function<AccessorPath, String> root = path -> root(method, path);
    // A cache key is never null (a null key bypasses the cache): a one-parameter key is not checked.
    boolean keyChecked = method.key().shape() != KeyShape.PARAMETER;
    boolean guarded = method.tags().stream()
        .anyMatch(tag -> !guards(tag, root, keyChecked).isEmpty());
    if (!guarded) {
      return CodeBlock.of("key -> $T.of($L)", RuntimeNames.LIST, method.tags().stream()
          .map(tag -> value(tag, root))
          .collect(CodeBlock.joining(",$W")));
    }
    // Written without statements: the lambda sits inside the statement that builds the cache.
    CodeBlock.Builder code = CodeBlock.builder()
        .add("key -> {\n$>")
        .add("$T<$T> tags = new $T<>($L);\n", RuntimeNames.LIST, String.class,
            RuntimeNames.ARRAY_LIST, method.tags().size());
    for (TagTemplate tag : method.tags()) {
      Set<String> guards = guards(tag, root, keyChecked);
      CodeBlock add = CodeBlock.of("tags.add($L);\n", value(tag, root));
      code.add(guards.isEmpty() ? add
          : CodeBlock.of("if ($L) {\n$>$L$<}\n", Guards.condition(guards), add));
    }
    return code.add("return tags;\n$<}").build();
  }

  /** {@code runtime.invalidateTag("product:" + price.sku());} for each of the write's tags. */
  static CodeBlock invalidations(WriteMethod method, List<String> parameters) {
    Function<AccessorPath, String> root = AccessorPath::root;
    String runtime = MethodWriter.field("runtime", parameters);
    CodeBlock.Builder code = CodeBlock.builder();
    for (TagTemplate tag : method.tags()) {
      code.add(Guards.guarded(guards(tag, root, true),
          CodeBlock.of("$L.invalidateTag($L)", runtime, value(tag, root))));
    }
    return code.build();
  }

  /** What stands for a path's parameter in a cached method's key. */
  private static String root(CachedMethod method, AccessorPath path) {
    return method.key().shape() == KeyShape.RECORD
        ? "key." + method.key().record().orElseThrow().components().get(path.parameter()).name()
            + "()"
        : "key"; // the parameter itself, or each key of a bulk method
  }

  /**
   * {@code "product:" + key.sku()}: text as written, each placeholder's value as
   * {@code String.valueOf} writes it (string concatenation does, once a String leads).
   */
  private static CodeBlock value(TagTemplate tag, Function<AccessorPath, String> root) {
    CodeBlock.Builder code = CodeBlock.builder();
    boolean first = true;
    for (TagTemplate.Part part : tag.parts()) {
      code.add(first ? "" : " + ");
      switch (part) {
        case TagTemplate.Text text -> code.add("$S", text.text());
        case TagTemplate.Placeholder placeholder -> {
          String value = placeholder.path().expression(root.apply(placeholder.path()));
          code.add(first ? CodeBlock.of("$T.valueOf($L)", String.class, value)
              : CodeBlock.of("$L", value));
        }
      }
      first = false;
    }
    return code.build();
  }

  /**
   * The values the tag's paths call accessors on; without their roots unless {@code rootChecked}.
   */
  private static Set<String> guards(TagTemplate tag, Function<AccessorPath, String> root,
      boolean rootChecked) {
    Set<String> guards = new LinkedHashSet<>();
    for (AccessorPath path : tag.paths()) {
      List<String> through = path.guards(root.apply(path));
      guards.addAll(rootChecked || through.isEmpty() ? through : through.subList(1, through.size()));
    }
    return guards;
  }
}
