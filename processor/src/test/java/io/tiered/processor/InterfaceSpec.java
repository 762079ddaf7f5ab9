package io.tiered.processor;

import io.tiered.processor.validate.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A generated interface: its source, and the errors the processor must report on it, worked out
 * from the design's rules independently of the processor's code.
 *
 * @param qualifiedName the name of the source file's top-level type
 * @param proxyName the proxy the processor must write when it reports no error
 * @param tiered whether the interface asks for a proxy at all
 */
record InterfaceSpec(String qualifiedName, String proxyName, boolean tiered,
    Set<Message> expectedErrors, String source) {

  enum Placement {
    TOP_LEVEL, TOP_LEVEL_PACKAGE_PRIVATE, DEFAULT_PACKAGE, IN_CLASS, IN_INTERFACE,
    PRIVATE_IN_CLASS, IN_PRIVATE_CLASS
  }

  record Tiered(String name, Long maximumSize, String ttl, boolean cacheNulls) {
    String render() {
      List<String> attributes = new ArrayList<>();
      if (name != null) {
        attributes.add("name = \"" + name + "\"");
      }
      if (maximumSize != null) {
        attributes.add("maximumSize = " + maximumSize + "L");
      }
      if (ttl != null) {
        attributes.add("ttl = \"" + ttl + "\"");
      }
      if (cacheNulls) {
        attributes.add("cacheNulls = true");
      }
      return "@io.tiered.Tiered" + (attributes.isEmpty() ? "" : "(" + String.join(", ", attributes)
          + ")");
    }
  }

  record FallbackSpec(String tier, String ttl, boolean promote) {
    String render() {
      return "@io.tiered.Fallback(tier = \"" + tier + "\""
          + (ttl == null ? "" : ", ttl = \"" + ttl + "\"")
          + (promote ? "" : ", promote = false") + ")";
    }
  }

  record Annotations(Tiered tiered, List<FallbackSpec> fallbacks, String refresh) {
    static final Annotations NONE = new Annotations(null, List.of(), null);

    boolean isEmpty() {
      return tiered == null && fallbacks.isEmpty() && refresh == null;
    }

    String render(String indent) {
      StringBuilder out = new StringBuilder();
      if (tiered != null) {
        out.append(indent).append(tiered.render()).append('\n');
      }
      fallbacks.forEach(fallback -> out.append(indent).append(fallback.render()).append('\n'));
      if (refresh != null) {
        out.append(indent).append("@io.tiered.RefreshAfter(\"").append(refresh).append("\")\n");
      }
      return out.toString();
    }

    /** The errors on these annotation values themselves, wherever they stand. */
    void valueErrors(Set<Message> errors) {
      if (tiered != null) {
        if (tiered.maximumSize() != null && tiered.maximumSize() <= 0) {
          errors.add(Message.NON_POSITIVE_MAXIMUM_SIZE);
        }
        if (tiered.ttl() != null && !tiered.ttl().isEmpty() && bad(tiered.ttl())) {
          errors.add(Message.BAD_DURATION);
        }
      }
      if (refresh != null && bad(refresh)) {
        errors.add(Message.BAD_DURATION);
      }
      Set<String> tiers = new HashSet<>();
      for (FallbackSpec fallback : fallbacks) {
        if (fallback.tier().isBlank()) {
          errors.add(Message.BLANK_FALLBACK_TIER);
        } else if (fallback.tier().equals("l1") || fallback.tier().equals("origin")) {
          errors.add(Message.RESERVED_FALLBACK_TIER);
        } else if (!tiers.add(fallback.tier())) {
          errors.add(Message.DUPLICATE_FALLBACK_TIER);
        }
        if (fallback.ttl() != null && !fallback.ttl().isEmpty() && bad(fallback.ttl())) {
          errors.add(Message.BAD_DURATION);
        }
      }
    }

    private static boolean bad(String duration) {
      return Durations.meaning(duration).isEmpty();
    }
  }

  record Parameter(TypeGen.JavaType type, String name) {
    @Override
    public String toString() {
      return type.source() + " " + name;
    }
  }

  /**
   * An {@code @Invalidate} or {@code @Put} on a write method made from the parameters of an
   * intended target (see {@link WriteShape}).
   */
  record WriteSpec(boolean put, String target, String key, boolean all, String intendedTarget,
      int targetArity, WriteShape shape) {
    String render() {
      List<String> attributes = new ArrayList<>();
      attributes.add("value = \"" + target + "\"");
      if (!key.isEmpty()) {
        attributes.add("key = \"" + key + "\"");
      }
      if (all) {
        attributes.add("all = true");
      }
      return "@io.tiered." + (put ? "Put" : "Invalidate") + "(" + String.join(", ", attributes)
          + ")";
    }

    /** The error this annotation must get, given the cached methods' erasures named like it. */
    Optional<Message> error(List<String> matching, boolean writeReturnsVoid) {
      if (matching.isEmpty()) {
        return Optional.of(Message.WRITE_TARGET_UNKNOWN);
      }
      if (matching.size() > 1) {
        return Optional.of(Message.WRITE_TARGET_AMBIGUOUS);
      }
      if (all) {
        return key.isEmpty() ? Optional.empty() : Optional.of(Message.WRITE_ALL_WITH_KEY);
      }
      if (put && writeReturnsVoid) {
        return Optional.of(Message.PUT_ON_VOID);
      }
      if (!key.isEmpty()) {
        return shape == WriteShape.COPY && !key.equals("nope")
            ? Optional.empty()
            : Optional.of(Message.WRITE_KEY_PATH_INVALID);
      }
      boolean found = targetArity == 0 || shape == WriteShape.COPY
          || (shape == WriteShape.RENAME_FIRST && targetArity == 1);
      return found ? Optional.empty() : Optional.of(Message.WRITE_KEY_MISSING);
    }
  }

  /** How a write method's parameters derive from its intended target's. */
  enum WriteShape { COPY, DROP_FIRST, RENAME_FIRST, NONE }

  record Method(Kind kind, String name, TypeGen.JavaType result, List<Parameter> parameters,
      String throwsClause, Annotations annotations, List<WriteSpec> writes) {
    enum Kind { ABSTRACT, DEFAULT, STATIC, GENERIC }

    private static final TypeGen.JavaType X = new TypeGen.JavaType("X", "Object", false, false);

    static Method of(Kind kind, String name, TypeGen.JavaType result,
        List<TypeGen.JavaType> types, List<String> names, String throwsClause,
        Annotations annotations) {
      List<TypeGen.JavaType> parameterTypes = new ArrayList<>(types);
      if (kind == Kind.GENERIC) {
        parameterTypes.add(0, X);
        result = new TypeGen.JavaType("java.util.List<X>", "java.util.List", false, false);
      }
      List<Parameter> parameters = new ArrayList<>();
      for (int i = 0; i < Math.min(parameterTypes.size(), names.size()); i++) {
        parameters.add(new Parameter(parameterTypes.get(i), names.get(i)));
      }
      if (parameters.isEmpty() && (name.equals("toString") || name.equals("hashCode"))) {
        // Redeclaring an Object method: only abstract, with its own result, throwing nothing.
        kind = Kind.ABSTRACT;
        throwsClause = "";
        result = name.equals("toString")
            ? TypeGen.named("String") : new TypeGen.JavaType("int", "int", true, false);
      }
      boolean usesVariable = result.mentionsVariable()
          || parameters.stream().anyMatch(parameter -> parameter.type().mentionsVariable());
      if (kind == Kind.STATIC && usesVariable) {
        kind = Kind.DEFAULT; // a static method cannot use the interface's type variables
      }
      Method method = new Method(kind, name, result, List.copyOf(parameters), throwsClause,
          annotations == null ? Annotations.NONE : annotations, List.of());
      return kind == Kind.STATIC ? method.withoutAnnotations() : method;
    }

    Method withWrites(List<WriteSpec> kept) {
      return new Method(kind, name, result, parameters, throwsClause, annotations,
          List.copyOf(kept));
    }

    Method withoutAnnotations() {
      return new Method(kind, name, result, parameters, throwsClause, Annotations.NONE,
          List.of());
    }

    /** A write method named {@code name} whose parameters derive from {@code target}'s. */
    static Method write(String name, Method target, WriteShape shape, boolean returnsVoid,
        List<WriteSpec> writes) {
      List<Parameter> parameters = new ArrayList<>(switch (shape) {
        case COPY -> target.parameters();
        case DROP_FIRST -> target.parameters().isEmpty()
            ? List.<Parameter>of() : target.parameters().subList(1, target.arity());
        case RENAME_FIRST -> target.parameters();
        case NONE -> List.<Parameter>of();
      });
      if (shape == WriteShape.RENAME_FIRST && !parameters.isEmpty()) {
        parameters.set(0, new Parameter(parameters.get(0).type(), "renamed"));
      }
      TypeGen.JavaType result = returnsVoid
          ? new TypeGen.JavaType("void", "void", true, false) : target.result();
      return new Method(Kind.ABSTRACT, name, result, List.copyOf(parameters), "",
          Annotations.NONE, List.copyOf(writes));
    }

    int arity() {
      return parameters.size();
    }

    String erasure() {
      return name + parameters.stream().map(parameter -> parameter.type().erasure())
          .collect(Collectors.joining(",", "(", ")"));
    }

    boolean isObjectMethod() {
      return parameters.isEmpty() && (name.equals("toString") || name.equals("hashCode"));
    }

    boolean returnsVoid() {
      return result.source().equals("void");
    }

    String render() {
      String body = kind == Kind.ABSTRACT || kind == Kind.GENERIC
          ? ";"
          : returnsVoid() ? " {}" : " { return " + result.defaultValue() + "; }";
      String modifier = kind == Kind.STATIC ? "static "
          : body.equals(";") ? "" : "default ";
      String typeParameters = kind == Kind.GENERIC ? "<X> " : "";
      StringBuilder writeLines = new StringBuilder();
      writes.forEach(write -> writeLines.append("  ").append(write.render()).append('\n'));
      return writeLines + annotations.render("  ") + "  " + modifier + typeParameters + result.source() + " "
          + name + parameters.stream().map(Parameter::toString)
              .collect(Collectors.joining(", ", "(", ")"))
          + throwsClause + body + "\n";
    }

    boolean isDefault() {
      return kind == Kind.DEFAULT;
    }
  }

  static InterfaceSpec of(Placement placement, String name, List<String> typeVariables,
      List<String> nestedTypes, Annotations annotations, String baseArgument,
      List<Method> baseMethods, List<Method> methods) {
    Annotations onType = annotations == null ? Annotations.NONE : annotations;
    List<Method> inherited = baseMethods.stream().map(Method::withoutAnnotations).toList();
    methods = predictableWrites(onType, inherited, methods);
    String packageName = placement == Placement.DEFAULT_PACKAGE ? "" : "com.acme";
    String holder = placement.name().startsWith("TOP") || placement == Placement.DEFAULT_PACKAGE
        ? null : "Holder";
    StringBuilder body = new StringBuilder();
    nestedTypes.stream().filter(type -> !type.equals(name)).forEach(type -> body.append(
        type.equals("Item") ? "  record Item(int id) {}\n" : "  final class " + type + " {}\n"));
    methods.forEach(method -> body.append(method.render()));
    String variables = typeVariables.isEmpty() ? ""
        : typeVariables.stream().collect(Collectors.joining(", ", "<", ">"));
    String base = name + "Base";
    String declaration = onType.render("")
        + modifier(placement) + "interface " + name + variables
        + (baseArgument == null ? "" : " extends " + base + "<" + baseArgument + ">") + " {\n"
        + body + "}\n";
    StringBuilder source = new StringBuilder();
    if (!packageName.isEmpty()) {
      source.append("package ").append(packageName).append(";\n\n");
    }
    source.append(switch (placement) {
      case IN_CLASS, PRIVATE_IN_CLASS -> "public class Holder {\n" + declaration + "}\n";
      case IN_INTERFACE -> "public interface Holder {\n" + declaration + "}\n";
      case IN_PRIVATE_CLASS ->
          "public class Holder {\nprivate static class Inner {\n" + declaration + "}\n}\n";
      default -> declaration;
    });
    if (baseArgument != null) {
      source.append("\ninterface ").append(base).append("<A> {\n");
      inherited.forEach(method -> source.append(method.render()));
      source.append("}\n");
    }
    String prefix = packageName.isEmpty() ? "" : packageName + ".";
    String proxy = prefix + "Tiered" + (holder == null ? "" : holder + "_")
        + (placement == Placement.IN_PRIVATE_CLASS ? "Inner_" : "") + name;
    List<Method> proxied = new ArrayList<>();
    inherited.forEach(method -> addProxied(method, proxied));
    methods.forEach(method -> addProxied(method, proxied));
    boolean tiered = onType.tiered() != null
        || proxied.stream().anyMatch(method -> method.annotations().tiered() != null);
    Set<Message> errors = errors(placement, name, onType, proxied, tiered);
    if (methods.stream().anyMatch(
        method -> method.isObjectMethod() && !method.annotations().isEmpty())) {
      errors.add(Message.OBJECT_METHOD_ANNOTATED); // and its annotations' values go unread
    }
    return new InterfaceSpec(prefix + (holder == null ? name : holder), proxy, tiered, errors,
        source.toString());
  }

  private static void addProxied(Method method, List<Method> proxied) {
    if (method.kind() != Method.Kind.STATIC && !method.isObjectMethod()) {
      proxied.add(method);
    }
  }

  private static String modifier(Placement placement) {
    return switch (placement) {
      case TOP_LEVEL -> "public ";
      case PRIVATE_IN_CLASS -> "private ";
      case IN_CLASS -> "protected ";
      default -> "";
    };
  }

  private static Set<Message> errors(Placement placement, String name, Annotations onType,
      List<Method> methods, boolean tiered) {
    Set<Message> errors = EnumSet.noneOf(Message.class);
    if (tiered && placement == Placement.PRIVATE_IN_CLASS) {
      errors.add(Message.PRIVATE_INTERFACE);
    } else if (tiered && placement == Placement.IN_PRIVATE_CLASS) {
      errors.add(Message.INACCESSIBLE_INTERFACE);
    }
    onType.valueErrors(errors);
    methods.forEach(method -> method.annotations().valueErrors(errors));
    writeErrors(onType, methods, errors);
    if (!tiered) {
      return errors;
    }
    Map<String, Integer> customNames = new HashMap<>();
    for (Method method : methods) {
      Annotations own = method.annotations();
      boolean cached = isCached(onType, method);
      if (method.parameters().isEmpty()
          && Set.of("caches", "invalidateAll", "stats").contains(method.name())) {
        errors.add(Message.PROXY_MEMBER_CLASH);
      }
      if (method.name().equals("wrap") && method.arity() == 1
          && method.parameters().get(0).type().erasure().equals(name)) {
        errors.add(Message.WRAP_CLASH);
      }
      if (own.tiered() != null && method.returnsVoid()) {
        errors.add(Message.VOID_METHOD_TIERED);
      } else if (cached && method.kind() == Method.Kind.GENERIC) {
        errors.add(Message.GENERIC_METHOD);
      }
      if (!cached) {
        continue;
      }
      if (own.tiered() != null && own.tiered().name() != null
          && customNames.merge(own.tiered().name(), 1, Integer::sum) > 1) {
        errors.add(Message.DUPLICATE_CACHE_NAME);
      }
      Optional<Duration> refresh = Optional.ofNullable(
          own.refresh() != null ? own.refresh() : onType.refresh()).flatMap(Durations::meaning);
      String ttl = own.tiered() != null && own.tiered().ttl() != null ? own.tiered().ttl()
          : onType.tiered() != null && onType.tiered().ttl() != null ? onType.tiered().ttl() : "";
      Optional<Duration> expiry = Durations.meaning(ttl);
      if (refresh.isPresent() && expiry.isPresent()
          && refresh.get().compareTo(expiry.get()) >= 0) {
        errors.add(Message.REFRESH_NOT_SHORTER_THAN_TTL);
      }
    }
    return errors;
  }

  private static boolean isCached(Annotations onType, Method method) {
    return !method.returnsVoid() && method.writes().isEmpty()
        && (method.annotations().tiered() != null
            || (onType.tiered() != null && !method.isDefault()));
  }

  /** Each write annotation's error: a write names one of the cached methods, by name alone. */
  private static void writeErrors(Annotations onType, List<Method> proxied,
      Set<Message> errors) {
    for (Method method : proxied) {
      for (WriteSpec write : method.writes()) {
        write.error(matching(onType, proxied, write), method.returnsVoid()).ifPresent(errors::add);
      }
    }
  }

  /** The erasures of the cached methods among {@code proxied} that {@code write} names. */
  private static List<String> matching(Annotations onType, List<Method> proxied,
      WriteSpec write) {
    return proxied.stream()
        .filter(other -> isCached(onType, other) && other.name().equals(write.target()))
        .map(Method::erasure)
        .toList();
  }

  /**
   * Drops the writes whose one match is not the method their parameters were made from: what
   * their key resolves to then depends on type assignability, which this model does not predict.
   */
  private static List<Method> predictableWrites(Annotations onType, List<Method> inherited,
      List<Method> methods) {
    List<Method> proxied = new ArrayList<>();
    inherited.forEach(method -> addProxied(method, proxied));
    methods.forEach(method -> addProxied(method, proxied));
    return methods.stream()
        .map(method -> method.writes().isEmpty() ? method : method.withWrites(
            method.writes().stream().filter(write -> {
              List<String> matching = matching(onType, proxied, write);
              return matching.size() != 1 || matching.get(0).equals(write.intendedTarget());
            }).toList()))
        .toList();
  }

  @Override
  public String toString() {
    return "\n" + source;
  }
}
