package io.tiered.redis;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs commands on the factory's shared connection so that no caller waits longer than the
 * command timeout, and a disconnected Redis fails at once instead of queueing the command for
 * when it comes back (which Lettuce would do by default, and which could replay a stale write).
 */
final class TimedCommands {
  private final Connector<StatefulRedisConnection<String, byte[]>> connector;
  private final Duration timeout;

  TimedCommands(Connector<StatefulRedisConnection<String, byte[]>> connector, Duration timeout) {
    this.connector = connector;
    this.timeout = timeout;
  }

  /**
   * Issues {@code commands} (pipelined when several) and waits for the stage they return.
   *
   * @param command and {@code target} name the operation in error messages, such as
   *     {@code GET tiered:Prices.price:"a"}; kept apart so that success builds no string
   */
  <T> T run(String command, String target,
      Function<RedisAsyncCommands<String, byte[]>, CompletionStage<T>> commands) {
    StatefulRedisConnection<String, byte[]> connection = connector.connection();
    if (!connection.isOpen()) {
      throw new RedisTierException(command + " " + target + ": Redis is disconnected (reconnecting)",
          null);
    }
    return await(command, target, commands.apply(connection.async()).toCompletableFuture());
  }

  private <T> T await(String command, String target, CompletableFuture<T> reply) {
    try {
      return reply.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException slow) {
      reply.cancel(false); // a cancelled command is not sent (nor replayed after a reconnect)
      throw new RedisTierException(command + " " + target + ": no reply within " + timeout, slow);
    } catch (ExecutionException failed) {
      Throwable cause = failed.getCause();
      throw new RedisTierException(command + " " + target + ": " + cause.getMessage(), cause);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      reply.cancel(false);
      throw new RedisTierException(command + " " + target + ": interrupted", interrupted);
    }
  }
}
