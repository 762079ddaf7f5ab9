package io.tiered.processor.validate;

import io.tiered.processor.model.BulkShape;
import io.tiered.processor.model.CacheOwners;
import io.tiered.processor.model.MethodNaming;
import io.tiered.processor.model.TagResolver;
import io.tiered.processor.read.Descriptions;
import io.tiered.processor.read.InterfaceDeclaration;
import io.tiered.processor.read.MethodDeclaration;
import io.tiered.processor.read.TagAnnotation;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks {@code @Tag} and {@code @InvalidateTag}: where they are written, their braces, and that
 * each placeholder resolves over what fills it (a cached method's key, a write's parameters).
 */
final class TagValidator {
  private final Elements elements;
  private final Types types;
  private final TagResolver resolver;

  TagValidator(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
    this.resolver = new TagResolver(elements, types);
  }

  void validate(InterfaceDeclaration declaration, ValidationReport.Builder report) {
    List<MethodDeclaration> cached = declaration.cachedMethods();
    List<MethodDeclaration> owners = CacheOwners.of(declaration);
    List<MethodDeclaration> builders = new ArrayList<>();
    for (int i = 0; i < cached.size(); i++) {
      if (owners.get(i).equals(cached.get(i)) && hasKeys(cached.get(i))) {
        builders.add(cached.get(i));
      }
    }
    for (TagAnnotation tag : declaration.annotations().tags()) {
      typeTag(declaration, tag, builders, report);
    }
    for (MethodDeclaration method : declaration.methods()) {
      String description = Descriptions.method(declaration.simpleName(), method);
      int index = cached.indexOf(method);
      for (TagAnnotation tag : method.annotations().tags()) {
        if (index < 0) {
          report.onAnnotation(Message.TAG_ON_UNCACHED_METHOD, method.element(), tag.mirror(),
              tag.written(), description, MethodValidator.notCachedReason(declaration, method));
        } else if (!owners.get(index).equals(method)) {
          report.onAnnotation(Message.TAG_ON_SHARED_BULK, method.element(), tag.mirror(),
              tag.written(), description,
              MethodNaming.assign(declaration).get(index).cacheName(),
              Descriptions.method(declaration.simpleName(), owners.get(index)));
        } else if (hasKeys(method)) {
          check(resolver.overKey(tag.template(), method), method, tag, description, report);
        }
      }
      for (TagAnnotation tag : method.annotations().tagInvalidations()) {
        invalidation(declaration, method, tag, description, report);
      }
    }
  }

  /** A type-level {@code @Tag}: its braces, then whether every cache can fill it. */
  private void typeTag(InterfaceDeclaration declaration, TagAnnotation tag,
      List<MethodDeclaration> builders, ValidationReport.Builder report) {
    Element type = declaration.element();
    if (TagResolver.malformed(tag.template()).isPresent()) {
      report.onValue(Message.BAD_TAG_TEMPLATE, type, tag.mirror(), tag.value(), tag.written(),
          declaration.simpleName(), TagResolver.malformed(tag.template()).get());
      return;
    }
    List<String> unfilled = new ArrayList<>();
    for (MethodDeclaration method : builders) {
      if (resolver.overKey(tag.template(), method) instanceof TagResolver.Unresolved problem) {
        unfilled.add(Descriptions.method(declaration.simpleName(), method) + " ({"
            + problem.placeholder() + "}: " + problem.reason() + ")");
      }
    }
    if (!unfilled.isEmpty()) {
      report.onValue(Message.TYPE_TAG_UNFILLABLE, type, tag.mirror(), tag.value(),
          tag.written(), declaration.simpleName(), String.join(", ", unfilled));
    }
  }

  private void invalidation(InterfaceDeclaration declaration, MethodDeclaration method,
      TagAnnotation tag, String description, ValidationReport.Builder report) {
    method.annotations().tiered().ifPresent(tiered -> report.onAnnotation(
        Message.WRITE_ON_CACHED_METHOD, method.element(), tiered.mirror(), tag.written(),
        description));
    if (!declaration.isTiered()) {
      report.onAnnotation(Message.TAG_WRITE_WITHOUT_PROXY, method.element(), tag.mirror(),
          tag.written(), description, declaration.simpleName());
      return;
    }
    check(resolver.overParameters(tag.template(), method), method, tag, description, report);
  }

  private static void check(TagResolver.Outcome outcome, MethodDeclaration method,
      TagAnnotation tag, String description, ValidationReport.Builder report) {
    switch (outcome) {
      case TagResolver.Malformed malformed -> report.onValue(Message.BAD_TAG_TEMPLATE,
          method.element(), tag.mirror(), tag.value(), tag.written(), description,
          malformed.reason());
      case TagResolver.Unresolved problem -> report.onValue(Message.TAG_PLACEHOLDER_INVALID,
          method.element(), tag.mirror(), tag.value(), problem.placeholder(), tag.written(),
          description, problem.reason(), parameters(method));
      case TagResolver.Resolved resolved -> { }
    }
  }

  /** {@code sku, item}, or that there are none. */
  private static String parameters(MethodDeclaration method) {
    List<String> names = method.element().getParameters().stream()
        .map(parameter -> parameter.getSimpleName().toString()).toList();
    return names.isEmpty() ? "it has none, so its tags are constants" : String.join(", ", names);
  }

  /** Whether its key is known: a bulk method of a bad shape has none (BULK_SHAPE says why). */
  private boolean hasKeys(MethodDeclaration method) {
    return method.bulk().isEmpty() || BulkShape.of(method.type(), elements, types).isPresent();
  }
}
