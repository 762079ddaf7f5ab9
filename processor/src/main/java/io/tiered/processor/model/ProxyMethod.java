package io.tiered.processor.model;

import javax.lang.model.element.ExecutableElement;

/** A method the proxy implements: cached, a write, or passed through to the origin. */
public sealed interface ProxyMethod permits BulkMethod, CachedMethod, PassThroughMethod, WriteMethod {

  /** The interface method it implements, possibly inherited. */
  ExecutableElement element();
}
