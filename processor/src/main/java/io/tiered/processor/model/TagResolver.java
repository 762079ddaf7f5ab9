package io.tiered.processor.model;

import io.tiered.processor.read.InterfaceDeclaration;
import io.tiered.processor.read.MethodDeclaration;
import io.tiered.processor.read.TagAnnotation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Parses a tag template, {@code "product:{item.sku}"}, and resolves its placeholders with the
 * accessor paths of {@code @Invalidate}'s key ({@link KeyPaths}): over a write's parameters, or
 * over what a cached method's key holds.
 */
public final class TagResolver {
  private final Elements elements;
  private final Types types;
  private final KeyPaths paths;

  public TagResolver(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
    this.paths = new KeyPaths(elements, types);
  }

  /** The template, or what stops it from resolving. */
  public sealed interface Outcome permits Resolved, Malformed, Unresolved {}

  /** @param template the template, resolved */
  public record Resolved(TagTemplate template) implements Outcome {}

  /** @param reason what is wrong with its braces, in words */
  public record Malformed(String reason) implements Outcome {}

  /**
   * @param placeholder the placeholder at fault, as written inside its braces
   * @param reason what stops it, in words
   */
  public record Unresolved(String placeholder, String reason) implements Outcome {}

  /**
   * The {@code @Tag}s the entries of a cache {@code method} builds carry: the interface's, then
   * its own, a template written twice once.
   */
  public static List<TagAnnotation> inForce(InterfaceDeclaration owner, MethodDeclaration method) {
    Map<String, TagAnnotation> tags = new LinkedHashMap<>();
    owner.annotations().tags().forEach(tag -> tags.putIfAbsent(tag.template(), tag));
    method.annotations().tags().forEach(tag -> tags.putIfAbsent(tag.template(), tag));
    return List.copyOf(tags.values());
  }

  /** {@code template} over the parameters of {@code method}: an {@code @InvalidateTag}'s. */
  public Outcome overParameters(String template, MethodDeclaration method) {
    return resolve(template, WriteKeyResolver.names(method), method.type().getParameterTypes());
  }

  /**
   * {@code template} over the key of a cached method: its parameters, for the key holds them; for
   * a {@code @Bulk} method, its collection parameter stands for each key, one entry each.
   */
  public Outcome overKey(String template, MethodDeclaration method) {
    List<? extends TypeMirror> roots = method.bulk().isPresent()
        ? List.of(BulkShape.of(method.type(), elements, types).orElseThrow().keyType())
        : method.type().getParameterTypes();
    return resolve(template, WriteKeyResolver.names(method), roots);
  }

  /** What is wrong with the braces of {@code template}, whatever fills it; empty if nothing. */
  public static Optional<String> malformed(String template) {
    return Optional.ofNullable(split(template, new ArrayList<>()));
  }

  private Outcome resolve(String template, List<String> names, List<? extends TypeMirror> roots) {
    List<String> pieces = new ArrayList<>();
    String malformed = split(template, pieces);
    if (malformed != null) {
      return new Malformed(malformed);
    }
    List<TagTemplate.Part> parts = new ArrayList<>();
    for (int i = 0; i < pieces.size(); i++) {
      if (i % 2 == 0) {
        if (!pieces.get(i).isEmpty()) {
          parts.add(new TagTemplate.Text(pieces.get(i)));
        }
        continue;
      }
      KeyPaths.PathOutcome walked = paths.walk(pieces.get(i), names, roots);
      if (walked.problem() != null) {
        return new Unresolved(pieces.get(i), walked.problem());
      }
      if (walked.path().type().getKind() == TypeKind.ARRAY) { // String.valueOf names the array
        return new Unresolved(pieces.get(i), "it is an array, whose String.valueOf is not its"
            + " content; name one of its elements' values through another path");
      }
      parts.add(new TagTemplate.Placeholder(walked.path()));
    }
    return new Resolved(new TagTemplate(template, parts));
  }

  /**
   * Splits {@code template} into text, placeholder, text, ... (placeholders at odd indexes,
   * stripped), returning what is wrong with its braces, or null.
   */
  private static String split(String template, List<String> pieces) {
    if (template.isEmpty()) {
      return "it is empty";
    }
    StringBuilder text = new StringBuilder();
    int at = 0;
    while (at < template.length()) {
      char c = template.charAt(at);
      if (c == '}') {
        return "a } at index " + at + " closes no {";
      }
      if (c != '{') {
        text.append(c);
        at++;
        continue;
      }
      int close = template.indexOf('}', at + 1);
      int open = template.indexOf('{', at + 1);
      if (close < 0 || (open >= 0 && open < close)) {
        return "the { at index " + at + " is not closed";
      }
      String placeholder = template.substring(at + 1, close).strip();
      if (placeholder.isEmpty()) {
        return "the {} at index " + at + " names nothing";
      }
      pieces.add(text.toString());
      pieces.add(placeholder);
      text.setLength(0);
      at = close + 1;
    }
    pieces.add(text.toString());
    return null;
  }
}
