package io.tiered.spring;

import io.tiered.runtime.TieredProxies;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A bean implements an interface that carries {@code @Tiered} whose proxy was never generated:
 * the build did not run tiered-processor. Says why and how to fix the build; Boot's failure
 * analysis shows the two apart ({@link MissingProxyFailureAnalyzer}).
 */
final class MissingProxyException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final String description;
  private final String action;

  MissingProxyException(String beanName, Class<?> beanClass, List<Class<?>> unprocessed) {
    this(description(beanName, beanClass, unprocessed), ACTION);
  }

  private MissingProxyException(String description, String action) {
    super(description + " " + action);
    this.description = description;
    this.action = action;
  }

  String description() {
    return description;
  }

  String action() {
    return action;
  }

  private static final String ACTION = "Since JDK 23, javac runs no annotation processor it"
      + " merely finds on the class path; name it. Maven: in maven-compiler-plugin's"
      + " <configuration>, <annotationProcessorPaths> with <path><groupId>io.tiered</groupId>"
      + "<artifactId>tiered-processor</artifactId><version>...</version></path> (list there every"
      + " other processor the build uses, such as Lombok or spring-boot-configuration-processor:"
      + " that list replaces the class path's). Gradle:"
      + " annotationProcessor(\"io.tiered:tiered-processor:<version>\"). Then rebuild. To start"
      + " anyway, uncached, set tiered.require-proxies=false (a WARN instead).";

  private static String description(String beanName, Class<?> beanClass,
      List<Class<?>> unprocessed) {
    String interfaces = unprocessed.stream().map(Class::getName)
        .collect(Collectors.joining(", "));
    String proxies = unprocessed.stream().map(TieredProxies::proxyName)
        .collect(Collectors.joining(", "));
    return "Bean '" + beanName + "' (" + beanClass.getName() + ") implements " + interfaces
        + ", which carries @Tiered, but no generated proxy (" + proxies + ") is on the class path:"
        + " tiered-processor did not run when the interface was compiled, so the bean would run"
        + " uncached.";
  }
}
