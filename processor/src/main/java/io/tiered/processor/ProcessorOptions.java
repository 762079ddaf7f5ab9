package io.tiered.processor;

import io.tiered.processor.validate.Message;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * What holds for every proxy of one compilation, decided once from the processor's options and
 * the compile classpath.
 *
 * @param injectable whether proxies carry JSR-330 annotations ({@code @Singleton}, an
 *     {@code @Inject} constructor): when {@code jakarta.inject} is on the compile classpath and
 *     {@code -Atiered.inject=false} is not given
 */
record ProcessorOptions(boolean injectable) {
  /** {@code -Atiered.inject=false} keeps JSR-330 annotations off the proxies. */
  static final String INJECT = "tiered.inject";
  /** The options the processor declares, so that javac does not warn they are unused. */
  static final Set<String> NAMES = Set.of(INJECT);

  private static final String JAKARTA_INJECT = "jakarta.inject.Inject";

  /** Reads the options of {@code environment}; a value that is not a boolean is a warning. */
  static ProcessorOptions read(ProcessingEnvironment environment) {
    boolean inject = flag(environment, INJECT, true);
    return new ProcessorOptions(
        inject && environment.getElementUtils().getTypeElement(JAKARTA_INJECT) != null);
  }

  private static boolean flag(ProcessingEnvironment environment, String name, boolean fallback) {
    Map<String, String> options = environment.getOptions();
    if (!options.containsKey(name)) {
      return fallback;
    }
    String value = Objects.requireNonNullElse(options.get(name), ""); // -Atiered.inject: null
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> {
        // No element to put it on: the option belongs to the whole compilation.
        environment.getMessager().printMessage(Message.BAD_OPTION_VALUE.kind(),
            Message.BAD_OPTION_VALUE.format(name, value, fallback));
        yield fallback;
      }
    };
  }
}
