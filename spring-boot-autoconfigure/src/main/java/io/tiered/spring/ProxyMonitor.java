package io.tiered.spring;

import io.tiered.runtime.TieredProxy;

/**
 * Told of every proxy the starter wraps a bean in: how metrics see the proxies without the proxy
 * post-processor naming Micrometer, which the application may leave out.
 */
@FunctionalInterface
interface ProxyMonitor {

  void monitor(TieredProxy proxy);
}
