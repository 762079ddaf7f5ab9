package io.tiered.redis;

/**
 * A factory's tag invalidations ({@link io.tiered.runtime.TierFactory#invalidateTag}): a new
 * token in the tag's key ({@link TagTokens}), then one message to the other instances, down one
 * connection in that order (on a cluster, sent once the {@code SET} succeeded), then every tier of
 * the factory is told. A tag Redis misses (down, or no reply in time) never fails the caller: it
 * is kept pending, every read of a key carrying it misses Redis and no write of one lands there
 * ({@link KeyTokens#pending}), and the factory replays it once Redis answers, which also tells the
 * other instances.
 */
final class TagInvalidations {
  private static final System.Logger LOG = System.getLogger(TagInvalidations.class.getName());

  private final TagTokens tokens;
  private final TimedCommands redis;
  private final InvalidationBus bus;

  TagInvalidations(TagTokens tokens, TimedCommands redis, InvalidationBus bus) {
    this.tokens = tokens;
    this.redis = redis;
    this.bus = bus;
  }

  /** Invalidates {@code tag}; returns once its token changed in Redis, or it is pending. */
  void invalidate(String tag) {
    try {
      renew(tag);
    } catch (RedisTierException missed) {
      tokens.pending().add(tag);
      LOG.log(System.Logger.Level.WARNING, "Redis missed the invalidation of tag " + tag
          + "; it is replayed once Redis answers, and until then no key carrying it is read or"
          + " written there: " + missed.getMessage());
    } finally {
      bus.tellMembers(tag); // after the SET, or once pending: see InvalidationBus.tellMembers
    }
  }

  /**
   * Replays the tag invalidations Redis missed, if any; throws when Redis still misses one.
   * Called by the factory in the background.
   */
  void replayPending() {
    if (!tokens.pending().isEmpty()) {
      tokens.pending().replayEach(this::renew);
    }
  }

  /** A new token for {@code tag}, then the message that tells the other instances. */
  private void renew(String tag) {
    String redisKey = tokens.redisKey(tag);
    byte[] token = TagTokens.fresh();
    byte[] message = bus.tagMessage(tag);
    redis.run("SET", redisKey, commands -> bus.publishAfter(commands,
        commands.set(redisKey, token), redisKey, message));
  }
}
