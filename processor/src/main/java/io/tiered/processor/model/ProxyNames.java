package io.tiered.processor.model;

import com.palantir.javapoet.ClassName;
import javax.lang.model.element.TypeElement;

/** Names generated proxies: {@code Tiered} + the interface's simple names joined by {@code _}. */
public final class ProxyNames {
  private ProxyNames() {}

  /** {@code com.acme.TieredPriceService}; {@code com.acme.TieredOuter_Inner} for a nested one. */
  public static ClassName of(TypeElement type) {
    ClassName origin = ClassName.get(type);
    return ClassName.get(origin.packageName(), "Tiered" + String.join("_", origin.simpleNames()));
  }
}
