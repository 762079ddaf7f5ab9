package io.tiered.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.IntFunction;

/**
 * One command per key, pipelined: each goes to its own key's slot on a Redis Cluster, and the
 * whole batch costs one round trip.
 */
final class Pipeline {
  private Pipeline() {}

  /**
   * Issues {@code command} for each index from 0 to {@code count}, in order; the replies, in that
   * order, once all arrived (or the first failure).
   */
  static <T> CompletableFuture<List<T>> each(int count,
      IntFunction<? extends CompletionStage<T>> command) {
    List<CompletableFuture<T>> replies = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      replies.add(command.apply(i).toCompletableFuture());
    }
    return CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new))
        .thenApply(done -> {
          List<T> values = new ArrayList<>(replies.size());
          replies.forEach(reply -> values.add(reply.join()));
          return values;
        });
  }
}
