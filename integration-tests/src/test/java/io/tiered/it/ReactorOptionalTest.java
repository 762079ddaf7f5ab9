package io.tiered.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Reactor is an optional dependency of the runtime: proxies of interfaces without {@code Mono} or
 * {@code Flux} run on a class path that has no Reactor at all.
 */
class ReactorOptionalTest {

  @Test
  void proxiesWithoutReactiveMethodsNeedNoReactor() throws Exception {
    try (URLClassLoader withoutReactor = new URLClassLoader(classPathWithoutReactor(),
        ClassLoader.getPlatformClassLoader())) {
      assertThrows(ClassNotFoundException.class,
          () -> withoutReactor.loadClass("reactor.core.publisher.Mono"));

      assertThat(call(withoutReactor, "Prices", "price", 42L)).isEqualTo(42L);
      Object async = call(withoutReactor, "Catalog", "productAsync",
          CompletableFuture.completedFuture(null));
      assertThat(((CompletableFuture<?>) async).get()).isNull();
    }
  }

  /** Wraps an origin answering {@code answer} in the proxy of {@code iface}, and calls it. */
  private static Object call(ClassLoader loader, String iface, String method, Object answer)
      throws Exception {
    Class<?> type = loader.loadClass("io.tiered.it." + iface);
    Object origin = Proxy.newProxyInstance(loader, new Class<?>[] {type},
        (proxy, called, arguments) -> called.getName().equals(method) ? answer : null);
    Object cached = loader.loadClass("io.tiered.it.Tiered" + iface).getMethod("wrap", type)
        .invoke(null, origin);
    Method lookup = type.getMethod(method, String.class);
    return lookup.invoke(cached, "sku-1");
  }

  /** The test class path (as Surefire reports it) less Reactor and Reactive Streams. */
  private static URL[] classPathWithoutReactor() {
    String classPath = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    return Stream.of(classPath.split(File.pathSeparator))
        .filter(entry -> !entry.contains("reactor-core") && !entry.contains("reactive-streams"))
        .map(ReactorOptionalTest::url)
        .toArray(URL[]::new);
  }

  private static URL url(String entry) {
    try {
      return Path.of(entry).toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(entry, e);
    }
  }
}
