package io.tiered.processor.model;

import java.util.List;

/**
 * A resolved {@code @Tag} or {@code @InvalidateTag} template: constant text and placeholders, in
 * order, each placeholder an accessor path over what fills it (a write's parameters, a cached
 * method's key).
 *
 * @param written the template as written, {@code "product:{item.sku}"}
 * @param parts its text and placeholders, in order; never two texts in a row
 */
public record TagTemplate(String written, List<Part> parts) {

  public TagTemplate {
    parts = List.copyOf(parts);
  }

  /** One piece of a template. */
  public sealed interface Part permits Text, Placeholder {}

  /** Text kept as written. */
  public record Text(String text) implements Part {}

  /** A value filled in with {@code String.valueOf}. */
  public record Placeholder(AccessorPath path) implements Part {}

  /** The placeholders' paths, in order. */
  public List<AccessorPath> paths() {
    return parts.stream()
        .<AccessorPath>mapMulti((part, paths) -> {
          if (part instanceof Placeholder placeholder) {
            paths.accept(placeholder.path());
          }
        })
        .toList();
  }
}
