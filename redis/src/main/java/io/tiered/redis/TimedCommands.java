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
   * @param what names the operation in error messages, such as {@code GET tiered:Prices.price:"a"}
   */
  <T> T run(String what, Function<RedisAsyncCommands<String, byte[]>, CompletionStage<T>> commands) {
    StatefulRedisConnection<String, byte[]> connection = connector.connection();
    if (!connection.isOpen()) {
      throw new RedisTierException(what + ": Redis is disconnected (reconnecting)", null);
    }
    return await(what, commands.apply(connection.async()).toCompletableFuture());
  }

  private <T> T await(String what, CompletableFuture<T> reply) {
    try {
      return reply.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException slow) {
      reply.cancel(false); // a cancelled command is not sent if it is still queued
      throw new RedisTierException(what + ": no reply within " + timeout, slow);
    } catch (ExecutionException failed) {
      throw new RedisTierException(what + ": " + failed.getCause().getMessage(), failed.getCause());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      reply.cancel(false);
      throw new RedisTierException(what + ": interrupted", interrupted);
    }
  }
}
