package io.tiered.redis;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
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
 *
 * <p>After a command finds no reply in time, commands fail at once for the skip period: a frozen
 * Redis costs one timeout a period rather than one per command, and so per caller at most one.
 */
final class TimedCommands {
  /** The commands of one server's or one cluster's connection. */
  @FunctionalInterface
  interface Commands<C> {
    RedisClusterAsyncCommands<String, byte[]> of(C connection);
  }

  private final Connector<? extends StatefulConnection<String, byte[]>> connector;
  private final Commands<StatefulConnection<String, byte[]>> async;
  private final Duration timeout;
  private final Duration skipPeriod;
  /** The {@link System#nanoTime()} until which commands are skipped; in the past at first. */
  private volatile long skipUntilNanos = System.nanoTime();

  @SuppressWarnings("unchecked") // async only ever receives connector's own connections
  <C extends StatefulConnection<String, byte[]>> TimedCommands(Connector<C> connector,
      Commands<C> async, Duration timeout, Duration skipPeriod) {
    this.connector = connector;
    this.async = (Commands<StatefulConnection<String, byte[]>>) (Commands<?>) async;
    this.timeout = timeout;
    this.skipPeriod = skipPeriod;
  }

  /**
   * Issues {@code commands} (pipelined when several) and waits for the stage they return.
   *
   * @param command and {@code target} name the operation in error messages, such as
   *     {@code GET tiered:Prices.price:"a"}; kept apart so that success builds no string
   */
  <T> T run(String command, String target,
      Function<RedisClusterAsyncCommands<String, byte[]>, CompletionStage<T>> commands) {
    return send(command, target, commands).await();
  }

  /**
   * Issues {@code commands} now, to be awaited later ({@link Sent#await}): what is sent before
   * another command on the same connection shares its round trip, as a tagged key's token reads
   * share its {@code GET}. Throws as {@link #run} does when Redis is skipped or disconnected.
   */
  <T> Sent<T> send(String command, String target,
      Function<RedisClusterAsyncCommands<String, byte[]>, CompletionStage<T>> commands) {
    if (System.nanoTime() - skipUntilNanos < 0) {
      throw new RedisTierException(command + " " + target + ": skipped, for a command found no"
          + " reply within " + timeout.toMillis() + " ms less than " + skipPeriod.toMillis()
          + " ms ago", null);
    }
    StatefulConnection<String, byte[]> connection = connector.connection();
    if (!connection.isOpen()) {
      throw new RedisTierException(command + " " + target + ": Redis is disconnected (reconnecting)",
          null);
    }
    return new Sent<>(command, target,
        commands.apply(async.of(connection)).toCompletableFuture());
  }

  /** Commands {@link #send} issued; their reply is awaited within the command timeout. */
  final class Sent<T> {
    private final String command;
    private final String target;
    private final CompletableFuture<T> reply;

    private Sent(String command, String target, CompletableFuture<T> reply) {
      this.command = command;
      this.target = target;
      this.reply = reply;
    }

    /** The reply; throws a {@link RedisTierException} as {@link #run} does. */
    T await() {
      return TimedCommands.this.await(command, target, reply);
    }
  }

  private <T> T await(String command, String target, CompletableFuture<T> reply) {
    try {
      return reply.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException slow) {
      reply.cancel(false); // a cancelled command is not sent (nor replayed after a reconnect)
      skipFromNow();
      throw new RedisTierException(
          command + " " + target + ": no reply within " + timeout.toMillis() + " ms", slow);
    } catch (ExecutionException failed) {
      Throwable cause = failed.getCause();
      throw new RedisTierException(command + " " + target + ": " + cause.getMessage(), cause);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      reply.cancel(false);
      throw new RedisTierException(command + " " + target + ": interrupted", interrupted);
    }
  }

  private void skipFromNow() {
    if (!skipPeriod.isZero()) {
      skipUntilNanos = System.nanoTime() + skipPeriod.toNanos();
    }
  }
}
