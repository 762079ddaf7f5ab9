package io.tiered.redis;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Relays invalidations between the factories that share a prefix: each tier publishes through it,
 * and messages from other instances reach the tiers of the named cache, which drop the key from
 * their L1; a tag's reaches every tier, whose runtime invalidates the tag. Tiers of the same
 * factory (two runtimes in one JVM) are told directly.
 *
 * <p>Messages are handled on one virtual thread, never on Lettuce's event loop: dropping a key
 * upstream may call another remote tier, which must not block the thread that delivers replies.
 */
class InvalidationBus extends RedisPubSubAdapter<String, byte[]> implements AutoCloseable {
  /**
   * One cache's tier on this factory, as the bus sees it: it sends for the cache it names, and
   * hears what other instances and its siblings dropped.
   */
  interface Member {
    String cacheName();

    /** Drops {@code encodedKeys} (null: every key) from the tiers in front of this one. */
    void dropUpstream(@Nullable List<String> encodedKeys);

    /** Invalidates {@code tag} in the runtime in front of this tier. */
    void tagInvalidated(String tag);

    /** Replays the invalidations Redis missed; throws when it still misses them. */
    void replayPending();
  }

  private static final System.Logger LOG = System.getLogger(InvalidationBus.class.getName());

  private final String channel;
  private final String instance;
  // Weak: a member lives as long as its tier, a tier as long as its cache; a dropped proxy must
  // not be kept alive by the bus.
  private final Map<Member, Boolean> members =
      Collections.synchronizedMap(new WeakHashMap<>());
  private final ExecutorService dispatcher =
      Executors.newSingleThreadExecutor(
          Thread.ofVirtual().name("tiered-redis-invalidations").factory());

  /** How many subscriptions made while the factory is built are still to be confirmed. */
  private final AtomicInteger initialSubscriptions = new AtomicInteger();

  InvalidationBus(String channel, String instance) {
    this.channel = channel;
    this.instance = instance;
  }

  String channel() {
    return channel;
  }

  /** The channels to subscribe to. */
  String[] channels() {
    return new String[] {channel};
  }

  /**
   * Publishes {@code message}, about {@code routingKey} (an encoded key, or the cache name for
   * every key), so that it reaches other instances only after {@code unlinked} did its work.
   * Here both go down one connection to one server, in order: the message is sent at once.
   */
  CompletionStage<?> publishAfter(RedisClusterAsyncCommands<String, byte[]> commands,
      CompletionStage<?> unlinked, String routingKey, byte[] message) {
    var published = commands.publish(channel, message).toCompletableFuture();
    return CompletableFuture.allOf(unlinked.toCompletableFuture(), published);
  }

  void register(Member member) {
    members.put(member, Boolean.TRUE);
  }

  /** The members of every cache. */
  List<Member> members() {
    return tiersOf(null, null);
  }

  /**
   * The one message for {@code sender} to publish to the other instances once it dropped
   * {@code encodedKeys} (null: all keys).
   */
  byte[] message(Member sender, @Nullable List<String> encodedKeys) {
    return Invalidation.of(instance, sender.cacheName(), encodedKeys).toBytes();
  }

  /** The one message to publish to the other instances once {@code tag}'s token changed. */
  byte[] tagMessage(String tag) {
    return Invalidation.ofTag(instance, tag).toBytes();
  }

  /**
   * Tells every tier of this factory, and so every runtime it serves (this instance's messages
   * reach none of them), that {@code tag} was invalidated: only once its token changed in Redis
   * (or its invalidation is pending), as {@link #tellSiblings} says for keys. The runtime that
   * invalidated it hears it too, which is harmless: it invalidates the tag itself next.
   */
  void tellMembers(String tag) {
    members().forEach(tier -> tier.tagInvalidated(tag));
  }

  /**
   * Tells {@code sender}'s sibling tiers (other runtimes on this factory), which ignore this
   * instance's messages, that it dropped {@code encodedKeys} (null: all keys). Only once Redis
   * dropped them: told before, a sibling could read the old value back from Redis in between and
   * keep it in its L1, and no message would ever drop it.
   */
  void tellSiblings(Member sender, @Nullable List<String> encodedKeys) {
    tiersOf(sender.cacheName(), sender).forEach(tier -> tier.dropUpstream(encodedKeys));
  }

  @Override
  public void message(String channel, byte[] message) {
    dispatch(() -> {
      Invalidation invalidation = Invalidation.fromBytes(message);
      if (invalidation.instance().equals(instance)) {
        return;
      }
      if (invalidation.tag() != null) {
        tellMembers(invalidation.tag());
      } else if (invalidation.cache() != null) {
        List<String> dropped = invalidation.droppedKeys();
        tiersOf(invalidation.cache(), null).forEach(tier -> tier.dropUpstream(dropped));
      }
    });
  }

  /**
   * The next subscription is the one made while the factory is built: no tier exists yet, so
   * none can have missed a message.
   */
  void expectInitialSubscription() {
    initialSubscriptions.set(channels().length);
  }

  /**
   * Subscribed after Redis came back (or first reached it late): messages sent meanwhile are lost,
   * so every L1 in front of this factory's tiers may hold keys another instance invalidated, or
   * entries carrying a tag another instance invalidated. Drop them all, which forgets every load
   * in flight too ({@link io.tiered.runtime.TierSpec.Upstream#invalidateAll}).
   */
  @Override
  public void subscribed(String channel, long count) {
    if (initialSubscriptions.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
      return;
    }
    // The tiers that existed while messages could be missed: not those made after this moment.
    List<Member> missed = members();
    dispatch(() -> missed.forEach(tier -> tier.dropUpstream(null)));
  }

  private void dispatch(Runnable task) {
    try {
      dispatcher.execute(() -> {
        try {
          task.run();
        } catch (RuntimeException failure) {
          LOG.log(System.Logger.Level.WARNING, "Could not apply a Redis invalidation", failure);
        }
      });
    } catch (RejectedExecutionException closed) {
      // The factory is closed; its caches no longer follow other instances.
    }
  }

  /**
   * The tiers of {@code cache} (null: of all caches) except {@code skip}, copied so that callers
   * act on them outside the lock: dropping keys upstream may block on another remote tier.
   */
  private List<Member> tiersOf(@Nullable String cache, @Nullable Member skip) {
    List<Member> targets = new ArrayList<>();
    synchronized (members) {
      for (Member tier : members.keySet()) {
        if (tier != skip && (cache == null || tier.cacheName().equals(cache))) {
          targets.add(tier);
        }
      }
    }
    return targets;
  }

  @Override
  public void close() {
    dispatcher.shutdownNow();
  }
}
