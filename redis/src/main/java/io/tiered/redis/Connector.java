package io.tiered.redis;

import io.lettuce.core.api.StatefulConnection;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Opens one Lettuce connection for a factory. It tries once when the factory is built; when Redis
 * is not reachable then, the service must still start, so it keeps trying on a virtual thread
 * every {@code retryInterval} while operations fail fast. Once open, Lettuce's own auto-reconnect
 * takes over.
 */
final class Connector<C extends StatefulConnection<?, ?>> implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Connector.class.getName());

  private final String name;
  private final Opener<C> opener;
  private volatile @Nullable C connection;
  private volatile boolean closed;
  private final @Nullable Thread retrier;

  /** Opens a connection, which is ready for use when it returns. */
  @FunctionalInterface
  interface Opener<C> {
    /** @param atStartup whether this is the attempt made while the factory is being built */
    C open(boolean atStartup);
  }

  Connector(String name, Opener<C> opener, Duration retryInterval) {
    this.name = name;
    this.opener = opener;
    this.retrier = tryConnect(true)
        ? null
        : Thread.ofVirtual().name("tiered-redis-connect-" + name).start(() -> retry(retryInterval));
  }

  /** The open connection; throws at once when there is none yet or the factory was closed. */
  C connection() {
    C current = connection;
    if (current == null || closed) {
      throw new RedisTierException(closed
          ? "The Redis tier factory is closed"
          : "Not connected to Redis yet (" + name + " connection); retrying in the background", null);
    }
    return current;
  }

  private boolean tryConnect(boolean atStartup) {
    try {
      C opened = opener.open(atStartup);
      connection = opened;
      if (closed) { // closed while connecting: nobody else will close it
        opened.close();
      }
      return true;
    } catch (RuntimeException failure) {
      LOG.log(System.Logger.Level.WARNING, "Could not open the Redis " + name
          + " connection; the tier counts as a miss until it can: " + failure);
      return false;
    }
  }

  private void retry(Duration interval) {
    try {
      do {
        Thread.sleep(interval);
      } while (!closed && !tryConnect(false));
    } catch (InterruptedException closing) {
      // close() interrupts the retrier: stop trying.
    }
  }

  @Override
  public void close() {
    closed = true;
    if (retrier != null) {
      retrier.interrupt();
    }
    C current = connection;
    if (current != null) {
      current.close();
    }
  }
}
