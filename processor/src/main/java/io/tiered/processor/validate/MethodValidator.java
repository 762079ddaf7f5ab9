package io.tiered.processor.validate;

import com.google.auto.common.MoreTypes;
import io.tiered.processor.model.MethodNames;
import io.tiered.processor.model.MethodNaming;
import io.tiered.processor.model.ProxyNames;
import io.tiered.processor.read.AnnotationSet;
import io.tiered.processor.read.Descriptions;
import io.tiered.processor.read.InterfaceDeclaration;
import io.tiered.processor.read.MethodDeclaration;
import io.tiered.processor.read.TieredAnnotation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Checks each method the proxy implements, and the cached ones' names. */
final class MethodValidator {
  /** The members of {@code TieredProxy} a no-argument interface method would collide with. */
  private static final Set<String> PROXY_MEMBERS = Set.of("caches", "invalidateAll", "stats");

  private MethodValidator() {}

  static void validate(InterfaceDeclaration declaration, ValidationReport.Builder report) {
    for (MethodDeclaration method : declaration.objectMethods()) {
      method.annotations().all().forEach(written -> report.onAnnotation(
          Message.OBJECT_METHOD_ANNOTATED, method.element(), written.mirror(),
          Descriptions.method(declaration.simpleName(), method), written.name()));
    }
    if (!declaration.isTiered()) {
      declaration.methods().forEach(method -> notCached(declaration, method,
          Descriptions.method(declaration.simpleName(), method), report));
      nothingCached(declaration, report);
      return;
    }
    for (MethodDeclaration method : declaration.methods()) {
      Optional<AnnotationMirror> tiered =
          method.annotations().tiered().map(TieredAnnotation::mirror);
      String description = Descriptions.method(declaration.simpleName(), method);
      if (!method.hasParameters() && PROXY_MEMBERS.contains(method.name())) {
        report.onElement(Message.PROXY_MEMBER_CLASH, method.element(), tiered, description,
            method.name());
      }
      if (isWrap(declaration, method)) {
        report.onElement(Message.WRAP_CLASH, method.element(), tiered, description,
            ProxyNames.of(declaration.element()).simpleName(), declaration.simpleName());
      }
      if (tiered.isPresent() && method.returnsVoid()) {
        report.onAnnotation(
            Message.VOID_METHOD_TIERED, method.element(), tiered.get(), description);
      } else if (declaration.isCached(method) && method.isGeneric()) {
        report.onElement(Message.GENERIC_METHOD, method.element(), tiered, description);
      } else if (!declaration.isCached(method)) {
        notCached(declaration, method, description, report);
      }
    }
    uniqueCacheNames(declaration, report);
    // A proxy of writes only still has work: invalidating tags other interfaces' entries carry.
    boolean invalidatesTags = declaration.methods().stream()
        .anyMatch(method -> !method.annotations().tagInvalidations().isEmpty());
    if (declaration.cachedMethods().isEmpty() && !invalidatesTags) {
      nothingCached(declaration, report);
    }
  }

  /** Whether {@code method} has the signature of the proxy's static {@code wrap(origin)}. */
  private static boolean isWrap(InterfaceDeclaration declaration, MethodDeclaration method) {
    List<? extends TypeMirror> parameters = method.type().getParameterTypes();
    return method.name().equals("wrap") && parameters.size() == 1
        && parameters.get(0).getKind() == TypeKind.DECLARED
        && MoreTypes.asTypeElement(parameters.get(0)).equals(declaration.element());
  }

  /** Why {@code method}, which is not cached, is not, in words. */
  static String notCachedReason(InterfaceDeclaration declaration, MethodDeclaration method) {
    return method.isWrite()
        ? "it is a write (@Invalidate, @Put or @InvalidateTag), never cached"
        : method.returnsVoid() ? "it returns void"
        : method.isDefault() ? "default methods pass through unless annotated @Tiered"
        : "neither it nor " + declaration.simpleName() + " is annotated @Tiered";
  }

  private static void notCached(InterfaceDeclaration declaration, MethodDeclaration method,
      String description, ValidationReport.Builder report) {
    String reason = notCachedReason(declaration, method);
    AnnotationSet annotations = method.annotations();
    annotations.refresh().ifPresent(refresh -> report.onAnnotation(Message.NOT_CACHED,
        method.element(), refresh.mirror(), "RefreshAfter", description, reason));
    annotations.stale().ifPresent(stale -> report.onAnnotation(Message.NOT_CACHED,
        method.element(), stale.mirror(), "StaleIfError", description, reason));
    annotations.fallbacks().forEach(fallback -> report.onAnnotation(Message.NOT_CACHED,
        method.element(), fallback.mirror(), "Fallback", description, reason));
  }

  private static void nothingCached(InterfaceDeclaration declaration,
      ValidationReport.Builder report) {
    Element type = declaration.element();
    declaration.annotations().all().forEach(written -> report.onAnnotation(
        Message.NOTHING_CACHED, type, written.mirror(), written.name(), declaration.simpleName()));
  }

  private static void uniqueCacheNames(InterfaceDeclaration declaration,
      ValidationReport.Builder report) {
    List<MethodDeclaration> cached = declaration.cachedMethods();
    List<MethodNames> names = MethodNaming.assign(declaration);
    Map<String, MethodNames> seen = new HashMap<>();
    for (int i = 0; i < cached.size(); i++) {
      MethodDeclaration method = cached.get(i);
      if (method.bulk().isPresent()) {
        continue; // a bulk method may share a cache: BulkValidator checks that the types match
      }
      MethodNames first = seen.putIfAbsent(names.get(i).cacheName(), names.get(i));
      if (first != null) {
        report.onElement(Message.DUPLICATE_CACHE_NAME, method.element(),
            method.annotations().tiered().map(TieredAnnotation::mirror),
            names.get(i).cacheName(), names.get(i).description(), first.description());
      }
    }
  }
}
