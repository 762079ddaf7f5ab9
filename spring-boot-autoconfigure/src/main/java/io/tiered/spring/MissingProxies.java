package io.tiered.spring;

import io.tiered.runtime.TieredProxies;
import java.util.List;
import java.util.stream.Collectors;

/** What to tell a user whose cached interface has no generated proxy: why, and the fix. */
final class MissingProxies {

  private MissingProxies() {}

  static String message(String beanName, Class<?> beanClass, List<Class<?>> unprocessed) {
    String interfaces = unprocessed.stream().map(Class::getName)
        .collect(Collectors.joining(", "));
    String proxies = unprocessed.stream().map(TieredProxies::proxyName)
        .collect(Collectors.joining(", "));
    return "Bean '" + beanName + "' (" + beanClass.getName() + ") implements " + interfaces
        + ", which carries @Tiered, but no generated proxy (" + proxies + ") is on the class path:"
        + " tiered-processor did not run when the interface was compiled, so the bean would run"
        + " uncached. Since JDK 23, javac runs no annotation processor it merely finds on the class"
        + " path; name it. Maven: in maven-compiler-plugin's <configuration>, <annotationProcessorPaths>"
        + " with <path><groupId>io.tiered</groupId><artifactId>tiered-processor</artifactId>"
        + "<version>...</version></path> (list there every other processor the build uses, such as"
        + " Lombok or spring-boot-configuration-processor: that list replaces the class path's)."
        + " Gradle: annotationProcessor(\"io.tiered:tiered-processor:<version>\"). Then rebuild."
        + " To start anyway, uncached, set tiered.require-proxies=false (a WARN instead).";
  }
}
