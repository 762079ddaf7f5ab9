package io.tiered.redis;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The redis test-jar's {@link RedisClusterExtension} (a real 3-master cluster, flushed before
 * each test), which is package-private there, for the starter's tests in other packages. Lives in
 * {@code io.tiered.redis} for that access only.
 *
 * <pre>{@code
 * @RegisterExtension static final PublicRedisCluster cluster = new PublicRedisCluster();
 * }</pre>
 */
public final class PublicRedisCluster
    implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
  private final RedisClusterExtension cluster = new RedisClusterExtension();

  public List<RedisServer> masters() {
    return cluster.masters();
  }

  /** {@return every master as {@code host:port}, comma-separated, as Boot's nodes take them} */
  public String nodes() {
    return masters().stream().map(master -> "127.0.0.1:" + master.port())
        .collect(Collectors.joining(","));
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    cluster.beforeAll(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    cluster.beforeEach(context);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    cluster.afterEach(context);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    cluster.afterAll(context);
  }
}
