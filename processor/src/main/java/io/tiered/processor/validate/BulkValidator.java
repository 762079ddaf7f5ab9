package io.tiered.processor.validate;

import io.tiered.processor.model.BulkShape;
import io.tiered.processor.model.MethodNames;
import io.tiered.processor.model.MethodNaming;
import io.tiered.processor.model.ResultKind;
import io.tiered.processor.model.Results;
import io.tiered.processor.read.Descriptions;
import io.tiered.processor.read.InterfaceDeclaration;
import io.tiered.processor.read.MethodDeclaration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks {@code @Bulk} methods: their signature, and that a bulk method sharing a cache name with
 * another method has the same key and value types (the cache's entries are shared, key by key).
 */
final class BulkValidator {
  private final Elements elements;
  private final Types types;
  private final Results results;

  BulkValidator(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
    this.results = new Results(elements, types);
  }

  /** The key and value types of one cached method's entries; key null when it has no one key. */
  private record Entries(MethodDeclaration method, String description, TypeMirror key,
      TypeMirror value) {}

  void validate(InterfaceDeclaration declaration, ValidationReport.Builder report) {
    List<MethodDeclaration> cached = declaration.cachedMethods();
    List<MethodNames> names = MethodNaming.assign(declaration);
    List<Optional<Entries>> entries = new ArrayList<>();
    Map<String, Entries> owners = new HashMap<>();
    for (int i = 0; i < cached.size(); i++) {
      MethodDeclaration method = cached.get(i);
      entries.add(entries(method, Descriptions.method(declaration.simpleName(), method), report));
      if (method.bulk().isEmpty()) { // two of these under one name: DUPLICATE_CACHE_NAME
        owners.putIfAbsent(names.get(i).cacheName(), entries.get(i).orElseThrow());
      }
    }
    for (int i = 0; i < cached.size(); i++) {
      String cacheName = names.get(i).cacheName();
      if (cached.get(i).bulk().isPresent()) {
        entries.get(i).ifPresent(bulk -> checkShared(cacheName, bulk, owners, report));
      }
    }
    for (MethodDeclaration method : declaration.methods()) {
      if (method.bulk().isPresent() && !declaration.isCached(method)) {
        report.onAnnotation(Message.NOT_CACHED, method.element(), method.bulk().get(), "Bulk",
            Descriptions.method(declaration.simpleName(), method),
            "it is not annotated @Tiered, nor is " + declaration.simpleName());
      }
    }
  }

  /** The first method of each shared name owns it; the others must match its types. */
  private void checkShared(String cacheName, Entries bulk, Map<String, Entries> owners,
      ValidationReport.Builder report) {
    Entries owner = owners.putIfAbsent(cacheName, bulk); // no single-key method: the first bulk
    if (owner == null) {
      return;
    }
    boolean sameKey = owner.key() != null && types.isSameType(owner.key(), bulk.key());
    if (!sameKey || !types.isSameType(owner.value(), bulk.value())) {
      AnnotationMirror mirror = bulk.method().bulk().orElseThrow();
      report.onAnnotation(Message.BULK_SHARED_TYPES, bulk.method().element(), mirror, cacheName,
          bulk.description(), bulk.key(), bulk.value(), owner.description(),
          owner.key() == null ? "not one parameter" : owner.key(), owner.value());
    }
  }

  /**
   * The entries of {@code method}: a bulk method's from its shape (reporting a bad one), a
   * single-key method's from its parameter and result.
   */
  private Optional<Entries> entries(MethodDeclaration method, String description,
      ValidationReport.Builder report) {
    Optional<AnnotationMirror> bulk = method.bulk();
    if (bulk.isEmpty()) {
      List<? extends TypeMirror> parameters = method.type().getParameterTypes();
      TypeMirror key = parameters.size() == 1 && parameters.get(0).getKind() != TypeKind.ARRAY
          ? boxed(parameters.get(0))
          : null;
      return Optional.of(new Entries(method, description, key,
          boxed(results.valueType(method.type().getReturnType()))));
    }
    Optional<BulkShape> shape = BulkShape.of(method.type(), elements, types);
    if (shape.isEmpty() && Results.kind(method.type().getReturnType()) == ResultKind.FLUX) {
      return Optional.empty(); // ReactiveValidator says what to return instead
    }
    if (shape.isEmpty()) {
      report.onAnnotation(Message.BULK_SHAPE, method.element(), bulk.get(), description,
          signature(method));
      return Optional.empty();
    }
    return Optional.of(new Entries(method, description, shape.get().keyType(),
        shape.get().valueType()));
  }

  /** {@code takes (java.util.Set<java.lang.String>, int) and returns java.util.List<...>}. */
  static String signature(MethodDeclaration method) {
    return method.type().getParameterTypes().stream().map(TypeMirror::toString)
        .collect(Collectors.joining(", ", "takes (", ") and returns "))
        + method.type().getReturnType();
  }

  private TypeMirror boxed(TypeMirror type) {
    return type.getKind().isPrimitive()
        ? types.boxedClass(types.getPrimitiveType(type.getKind())).asType()
        : type;
  }
}
