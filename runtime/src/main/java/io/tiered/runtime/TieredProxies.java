package io.tiered.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the proxy the processor generated for an interface, for containers that wrap beans at run
 * time rather than inject {@code TieredX} directly (Spring's bean post-processing, CDI, Micronaut
 * listeners):
 *
 * <pre>{@code
 * PriceService cached = TieredProxies.wrap(PriceService.class, origin, runtime);
 * }</pre>
 *
 * <p>The proxy of {@code com.acme.PriceService} is {@code com.acme.TieredPriceService}; of a nested
 * {@code com.acme.Outer.Inner}, {@code com.acme.TieredOuter_Inner}. Each interface is looked up
 * once, its constructor kept as a {@link MethodHandle}: a later {@code wrap} of it is a direct call
 * to that constructor, with no reflection.
 */
public final class TieredProxies {
  private static final MethodType CONSTRUCTOR_SHAPE =
      MethodType.methodType(Object.class, Object.class, TieredRuntime.class);

  private static final ClassValue<Optional<MethodHandle>> CONSTRUCTORS = new ClassValue<>() {
    @Override
    protected Optional<MethodHandle> computeValue(Class<?> iface) {
      return constructorOf(iface);
    }
  };

  private TieredProxies() {}

  /**
   * {@return the generated proxy for {@code iface}, caching {@code origin}'s methods in
   * {@code runtime}'s tiers} The same as {@code new TieredX(origin, runtime)}.
   *
   * @param iface the service interface, as annotated for the processor
   * @param origin the implementation whose results are cached
   * @param runtime the tiers, clock and listeners of the proxy's caches
   * @param <T> the service interface
   * @throws IllegalArgumentException if {@code iface} is not an interface, if no proxy was
   *     generated for it (saying how to generate one), or if {@code origin} is not an
   *     {@code iface}
   * @throws IllegalStateException if a {@code @Fallback} tier of {@code iface} is not bound in
   *     {@code runtime}
   */
  public static <T> T wrap(Class<T> iface, T origin, TieredRuntime runtime) {
    Objects.requireNonNull(iface, "iface");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(runtime, "runtime");
    if (!iface.isInstance(origin)) {
      throw new IllegalArgumentException("The origin to wrap as " + iface.getName() + " is a "
          + origin.getClass().getName() + ", which does not implement it");
    }
    MethodHandle constructor = CONSTRUCTORS.get(requireInterface(iface))
        .orElseThrow(() -> noProxy(iface));
    try {
      return iface.cast((Object) constructor.invokeExact((Object) origin, runtime));
    } catch (RuntimeException | Error failure) {
      throw failure; // the proxy's own: an unbound tier, say
    } catch (Throwable impossible) {
      throw new IllegalStateException("The constructor of " + proxyName(iface) + " threw",
          impossible);
    }
  }

  /**
   * {@return whether the processor generated a proxy for {@code iface} and it is on the class
   * path}
   *
   * @param iface the class to look up; false for one that is not an interface
   */
  public static boolean hasProxy(Class<?> iface) {
    return iface.isInterface() && CONSTRUCTORS.get(iface).isPresent();
  }

  /**
   * {@return the binary name the processor gives the proxy of {@code iface}} For
   * {@code com.acme.PriceService} it is {@code com.acme.TieredPriceService}; for a nested
   * {@code Outer.Inner}, {@code TieredOuter_Inner}. The class exists only if the processor ran.
   *
   * @param iface the service interface
   */
  public static String proxyName(Class<?> iface) {
    StringBuilder simpleNames = new StringBuilder(iface.getSimpleName());
    Class<?> outer = iface.getEnclosingClass();
    Class<?> top = iface;
    while (outer != null) {
      simpleNames.insert(0, outer.getSimpleName() + "_");
      top = outer;
      outer = outer.getEnclosingClass();
    }
    String packageName = top.getPackageName();
    return (packageName.isEmpty() ? "" : packageName + ".") + "Tiered" + simpleNames;
  }

  private static Optional<MethodHandle> constructorOf(Class<?> iface) {
    if (!iface.isInterface()) {
      return Optional.empty();
    }
    try {
      Class<?> proxy = Class.forName(proxyName(iface), false, iface.getClassLoader());
      if (!iface.isAssignableFrom(proxy) || !TieredProxy.class.isAssignableFrom(proxy)) {
        return Optional.empty(); // a class of that name that is no proxy of this interface
      }
      MethodHandle constructor = MethodHandles.publicLookup().findConstructor(proxy,
          MethodType.methodType(void.class, iface, TieredRuntime.class));
      return Optional.of(constructor.asType(CONSTRUCTOR_SHAPE));
    } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException absent) {
      return Optional.empty();
    }
  }

  private static Class<?> requireInterface(Class<?> iface) {
    if (!Objects.requireNonNull(iface, "iface").isInterface()) {
      throw new IllegalArgumentException(iface.getName() + " is not an interface: Tiered "
          + "generates proxies for interfaces only; pass the service interface the bean "
          + "implements");
    }
    return iface;
  }

  private static IllegalArgumentException noProxy(Class<?> iface) {
    return new IllegalArgumentException("No Tiered proxy was generated for " + iface.getName()
        + " (looked for " + proxyName(iface) + "). Annotate the interface, or at least one of its"
        + " methods, with @io.tiered.Tiered, and put tiered-processor on the annotation processor"
        + " path (Maven: <annotationProcessorPaths> of maven-compiler-plugin, or a provided"
        + " dependency with <proc>full</proc> on JDK 23+; Gradle: annotationProcessor).");
  }
}
