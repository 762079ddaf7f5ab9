package io.tiered.redis;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The test class path in a loader of its own, less the packages a test hides (and JFR): as an
 * application that has only some of tiered-redis' optional dependencies. It remembers every
 * hidden class it was asked for, so a test can tell that code never even tried to load them.
 */
final class HidingClassLoader extends URLClassLoader {
  private final List<String> hiddenPackages;
  private final Set<String> refused = new ConcurrentSkipListSet<>();

  private HidingClassLoader(URL[] classPath, List<String> hiddenPackages) {
    super("hiding " + hiddenPackages, classPath, ClassLoader.getPlatformClassLoader());
    this.hiddenPackages = hiddenPackages;
  }

  /** The test class path without the classes and resources of {@code packages} (and below). */
  static HidingClassLoader hiding(String... packages) {
    URL[] classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(HidingClassLoader::url)
        .toArray(URL[]::new);
    return new HidingClassLoader(classPath, List.of(packages));
  }

  private static URL url(String entry) {
    try {
      return Path.of(entry).toUri().toURL();
    } catch (MalformedURLException impossible) {
      throw new IllegalArgumentException(entry, impossible);
    }
  }

  /** {@return the hidden classes something asked this loader for} */
  Set<String> refused() {
    return Set.copyOf(refused);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (name.startsWith("jdk.jfr.")) {
      // Lettuce then records no JFR events: the JVM's JFR knows event classes by name, and a
      // second copy of Lettuce's clashes with the test's own.
      throw new ClassNotFoundException(name + " is hidden by " + getName());
    }
    if (hides(name)) {
      refused.add(name);
      throw new ClassNotFoundException(name + " is hidden by " + getName());
    }
    return super.loadClass(name, resolve);
  }

  @Override
  public URL findResource(String name) {
    return hides(name.replace('/', '.')) ? null : super.findResource(name);
  }

  @Override
  public java.util.Enumeration<URL> findResources(String name) throws java.io.IOException {
    return hides(name.replace('/', '.'))
        ? java.util.Collections.emptyEnumeration()
        : super.findResources(name);
  }

  private boolean hides(String name) {
    return hiddenPackages.stream().anyMatch(hidden -> name.startsWith(hidden + "."));
  }

  /** Runs {@code className.method(arguments)}, a static method taking strings, in this loader. */
  Object run(String className, String method, String... arguments) throws Exception {
    Class<?>[] types = new Class<?>[arguments.length];
    Arrays.fill(types, String.class);
    var target = loadClass(className).getDeclaredMethod(method, types);
    target.setAccessible(true);
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(this); // as in an application, whose libraries look there too
    try {
      return target.invoke(null, (Object[]) arguments);
    } catch (java.lang.reflect.InvocationTargetException thrown) {
      if (thrown.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw thrown;
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
