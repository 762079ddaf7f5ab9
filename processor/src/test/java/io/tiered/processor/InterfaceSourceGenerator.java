package io.tiered.processor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Arbitraries for random service interfaces: Java source that compiles on its own, and the
 * {@link InterfaceSpec} model that predicts what the processor must say about it.
 */
final class InterfaceSourceGenerator {
  /** Member names a proxy declares or inherits, and names that look like its handles. */
  private static final List<String> METHOD_NAMES = List.of("price", "find", "load", "count",
      "origin", "runtime", "wrap", "key", "caches", "stats", "invalidateAll", "toString",
      "hashCode", "priceCache", "findCache", "get", "getAsync", "cache", "defaults", "builder");
  private static final List<String> PARAMETER_NAMES = List.of("sku", "id", "amount", "origin",
      "runtime", "key", "that", "priceCache", "findCache", "hashCode", "toString", "getClass",
      "wait", "clone", "hashCodeValue", "value");
  /** Types the generated proxy imports or nests: a nested type of that name must not hide them. */
  private static final List<String> NESTED_TYPE_NAMES = List.of("Item", "Duration", "Objects",
      "Arrays", "Types", "NoKey", "TieredCache", "TieredRuntime", "CacheDefinition", "Override",
      "Generated", "PriceKey", "Inject", "Singleton");
  private static final List<String> INTERFACE_NAMES =
      List.of("PriceService", "Repo", "Types", "Duration", "Origin", "Singleton");
  private static final List<String> THROWS = List.of("", " throws java.io.IOException",
      " throws Exception", " throws java.io.IOException, java.util.concurrent.TimeoutException",
      " throws IllegalStateException");

  private InterfaceSourceGenerator() {}

  /** Any interface: hostile names, bad annotation values, generic methods, all of it. */
  static Arbitrary<InterfaceSpec> anyInterface() {
    return interfaces(true);
  }

  /** Interfaces with only valid annotation values and no name the processor must reject. */
  static Arbitrary<InterfaceSpec> validInterface() {
    return interfaces(false).filter(spec -> spec.expectedErrors().isEmpty());
  }

  private static Arbitrary<InterfaceSpec> interfaces(boolean hostile) {
    Arbitrary<InterfaceSpec.Placement> placement = hostile
        ? Arbitraries.of(InterfaceSpec.Placement.class)
        : Arbitraries.of(InterfaceSpec.Placement.TOP_LEVEL,
            InterfaceSpec.Placement.TOP_LEVEL_PACKAGE_PRIVATE,
            InterfaceSpec.Placement.DEFAULT_PACKAGE, InterfaceSpec.Placement.IN_CLASS,
            InterfaceSpec.Placement.IN_INTERFACE);
    Arbitrary<List<String>> typeVariables = Arbitraries.of(
        List.of(), List.of(), List.of("K", "V"), List.of("T"), List.of("K extends Comparable<K>"),
        List.of("N extends Number"));
    Arbitrary<List<String>> nested =
        Arbitraries.of(NESTED_TYPE_NAMES).list().uniqueElements().ofMaxSize(3);
    return Combinators.combine(placement, Arbitraries.of(INTERFACE_NAMES), typeVariables, nested,
            annotations(hostile, true).injectNull(0.3), Arbitraries.of(true, false),
            Arbitraries.of(true, false, false, false, false).filter(clash -> hostile || !clash))
        .flatAs((where, name, variables, nestedTypes, annotations, withBase, wrapClash) -> {
          List<TypeGen.JavaType> variableTypes =
              variables.stream().map(TypeGen::variable).toList();
          List<TypeGen.JavaType> referable = new ArrayList<>();
          nestedTypes.stream().filter(type -> !type.equals(name))
              .forEach(type -> referable.add(TypeGen.named(type)));
          referable.add(self(name, variableTypes));
          InterfaceSpec.Method wrap = InterfaceSpec.Method.of(InterfaceSpec.Method.Kind.DEFAULT,
              "wrap", referable.getLast(), List.of(referable.getLast()), List.of("origin"), "",
              null);
          Arbitrary<List<InterfaceSpec.Method>> methods =
              method(hostile, variableTypes, referable).list().ofMinSize(1).ofMaxSize(5)
                  .map(list -> wrapClash ? append(list, wrap) : list);
          Arbitrary<List<InterfaceSpec.Method>> baseMethods = withBase
              ? method(false, List.of(TypeGen.variable("A")), List.of()).list().ofMaxSize(3)
              : Arbitraries.just(List.of());
          Arbitrary<String> baseArgument = withBase
              ? TypeGen.reference(variableTypes, List.of(), 1).map(TypeGen.JavaType::source)
              : Arbitraries.just("");
          return Combinators.combine(methods, baseMethods, baseArgument, writePlans(hostile)).as(
              (ms, bs, argument, plans) -> InterfaceSpec.of(where, name, variables, nestedTypes,
                  annotations, withBase ? argument : null, distinct(bs, List.of()),
                  withWrites(distinct(ms, bs), plans)));
        });
  }

  /** A write method to add: which method it is made from, how, and its annotations. */
  record WritePlan(int target, InterfaceSpec.WriteShape shape, boolean returnsVoid,
      List<WriteAnnotationPlan> annotations) {}

  /** One write annotation: {@code keyChoice} 0 is no key, 1 the target's names, 2 a bad path. */
  record WriteAnnotationPlan(boolean put, int keyChoice, boolean all) {}

  private static Arbitrary<List<WritePlan>> writePlans(boolean hostile) {
    Arbitrary<WriteAnnotationPlan> annotation = Combinators.combine(
            Arbitraries.of(false, false, true), Arbitraries.of(0, 0, 1, 2),
            Arbitraries.of(false, false, false, true))
        .as(WriteAnnotationPlan::new);
    Arbitrary<InterfaceSpec.WriteShape> shape = hostile
        ? Arbitraries.of(InterfaceSpec.WriteShape.class)
        : Arbitraries.just(InterfaceSpec.WriteShape.COPY);
    Arbitrary<WritePlan> plan = Combinators.combine(Arbitraries.integers().between(0, 9), shape,
            Arbitraries.of(true, false, false), annotation.list().ofMinSize(1).ofMaxSize(2))
        .as(WritePlan::new);
    // Mostly none even when hostile, so that the other hostile declarations still get proxies.
    return Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(List.of())),
        Tuple.of(1, plan.list().ofMinSize(1).ofMaxSize(hostile ? 2 : 1)));
  }

  /**
   * {@code methods} with a write method per plan, made from one of them; at most one
   * {@code @Put} per write method, since it is not repeatable.
   */
  private static List<InterfaceSpec.Method> withWrites(List<InterfaceSpec.Method> methods,
      List<WritePlan> plans) {
    List<InterfaceSpec.Method> targets = methods.stream()
        .filter(method -> method.kind() == InterfaceSpec.Method.Kind.ABSTRACT
            || method.kind() == InterfaceSpec.Method.Kind.DEFAULT)
        .filter(method -> !method.isObjectMethod())
        .toList();
    if (targets.isEmpty()) {
      return methods;
    }
    List<InterfaceSpec.Method> all = new ArrayList<>(methods);
    for (int i = 0; i < plans.size(); i++) {
      WritePlan plan = plans.get(i);
      InterfaceSpec.Method target = targets.get(plan.target() % targets.size());
      List<InterfaceSpec.WriteSpec> writes = new ArrayList<>();
      boolean put = false;
      for (WriteAnnotationPlan annotation : plan.annotations()) {
        boolean isPut = annotation.put() && !put;
        put |= isPut;
        String key = switch (annotation.keyChoice()) {
          case 1 -> target.parameters().stream().map(InterfaceSpec.Parameter::name)
              .collect(Collectors.joining(", "));
          case 2 -> "nope";
          default -> "";
        };
        writes.add(new InterfaceSpec.WriteSpec(isPut, target.name(), key,
            annotation.all() && !isPut, target.erasure(), target.arity(), plan.shape()));
      }
      all.add(InterfaceSpec.Method.write("write" + i, target, plan.shape(), plan.returnsVoid(),
          writes));
    }
    return all;
  }

  private static <T> List<T> append(List<T> list, T element) {
    List<T> appended = new ArrayList<>(list);
    appended.add(element);
    return appended;
  }

  /** The interface itself as a type, so a method can take one ({@code wrap(Repo origin)}). */
  private static TypeGen.JavaType self(String name, List<TypeGen.JavaType> variables) {
    return variables.isEmpty()
        ? TypeGen.named(name)
        : new TypeGen.JavaType(name + variables.stream().map(TypeGen.JavaType::source)
            .collect(Collectors.joining(", ", "<", ">")), name, false, true);
  }

  /** Drops methods javac would reject as duplicates, clashes or bad overrides. */
  private static List<InterfaceSpec.Method> distinct(List<InterfaceSpec.Method> methods,
      List<InterfaceSpec.Method> inherited) {
    Set<String> erasures = new HashSet<>();
    Set<String> inheritedNames = new HashSet<>();
    inherited.forEach(method -> inheritedNames.add(method.name() + "/" + method.arity()));
    List<InterfaceSpec.Method> kept = new ArrayList<>();
    for (InterfaceSpec.Method method : methods) {
      if (!inheritedNames.contains(method.name() + "/" + method.arity())
          && erasures.add(method.erasure())) {
        kept.add(method);
      }
    }
    return kept;
  }

  private static Arbitrary<InterfaceSpec.Method> method(boolean hostile,
      List<TypeGen.JavaType> variables,
      List<TypeGen.JavaType> nested) {
    Arbitrary<InterfaceSpec.Method.Kind> kind = Arbitraries.frequencyOf(
        Tuple.of(14, Arbitraries.just(InterfaceSpec.Method.Kind.ABSTRACT)),
        Tuple.of(3, Arbitraries.just(InterfaceSpec.Method.Kind.DEFAULT)),
        Tuple.of(2, Arbitraries.just(InterfaceSpec.Method.Kind.STATIC)),
        Tuple.of(hostile ? 2 : 1,
            Arbitraries.just(InterfaceSpec.Method.Kind.GENERIC)));
    Arbitrary<List<TypeGen.JavaType>> parameterTypes =
        TypeGen.any(variables, nested, 2).list().ofMaxSize(3);
    Arbitrary<List<String>> parameterNames =
        Arbitraries.of(PARAMETER_NAMES).list().uniqueElements().ofSize(3);
    Arbitrary<InterfaceSpec.Annotations> annotations = hostile
        ? annotations(true, false).injectNull(0.6)
        : annotations(false, false).injectNull(0.7);
    return Combinators.combine(kind, Arbitraries.of(METHOD_NAMES),
            TypeGen.result(variables, nested), parameterTypes, parameterNames,
            Arbitraries.of(THROWS), annotations)
        .as(InterfaceSpec.Method::of);
  }

  /** {@code @Tiered}, {@code @Fallback} and {@code @RefreshAfter} with random attributes. */
  static Arbitrary<InterfaceSpec.Annotations> annotations(boolean hostile, boolean onType) {
    List<String> valid = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    Durations.texts().forEach(text ->
        (Durations.meaning(text).isPresent() ? valid : invalid).add(text));
    // Mostly valid values even when hostile, so that hostile names still reach the writer.
    Arbitrary<String> duration = hostile
        ? Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(valid)),
            Tuple.of(1, Arbitraries.of(invalid)))
        : Arbitraries.of(valid);
    Arbitrary<String> ttl = Arbitraries.oneOf(Arbitraries.just(""), duration);
    Arbitrary<String> refreshValue = duration;
    Arbitrary<Long> validSize = Arbitraries.of(1L, 500L, 10_000L, Long.MAX_VALUE);
    Arbitrary<Long> size = hostile
        ? Arbitraries.frequencyOf(Tuple.of(6, validSize),
            Tuple.of(1, Arbitraries.of(0L, -1L, Long.MIN_VALUE)))
        : validSize;
    Arbitrary<String> name = onType
        ? Arbitraries.of("", "prices", "custom")
        : Arbitraries.of("", "custom", "other");
    Arbitrary<InterfaceSpec.Tiered> tiered = Combinators.combine(
            Arbitraries.of(true, false), name, size.injectNull(0.5), ttl.injectNull(0.4),
            Arbitraries.of(true, false))
        .as((present, n, s, t, nulls) -> present
            ? new InterfaceSpec.Tiered(n.isEmpty() ? null : n, s, t, nulls) : null);
    Arbitrary<String> validTier = Arbitraries.of("shared", "archive", "remote");
    Arbitrary<String> tier = hostile
        ? Arbitraries.frequencyOf(Tuple.of(6, validTier),
            Tuple.of(1, Arbitraries.of("", "  ", "l1", "origin")))
        : validTier;
    Arbitrary<InterfaceSpec.FallbackSpec> fallback = Combinators.combine(tier,
            ttl.injectNull(0.5), Arbitraries.of(true, false))
        .as(InterfaceSpec.FallbackSpec::new);
    Arbitrary<List<InterfaceSpec.FallbackSpec>> fallbacks = hostile
        ? fallback.list().ofMaxSize(3)
        : fallback.list().ofMaxSize(3).uniqueElements(InterfaceSpec.FallbackSpec::tier);
    return Combinators.combine(tiered, fallbacks, refreshValue.injectNull(0.6))
        .as(InterfaceSpec.Annotations::new);
  }
}
