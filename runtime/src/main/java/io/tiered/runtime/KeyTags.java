package io.tiered.runtime;

import java.util.List;

/**
 * The tags an entry of one cache carries, from its key: {@code @Tag("product:{sku}")} on the
 * cached method becomes {@code key -> List.of("product:" + key)} in its generated proxy. Every
 * entry a load of the key writes, in every tier, carries them; {@link
 * TieredRuntime#invalidateTag} makes every entry carrying one invalid.
 *
 * <p>Called when a load of the key starts (and by shared tiers when they read or write the key),
 * never on an L1 hit.
 *
 * @param <K> the cache's key type
 */
@FunctionalInterface
public interface KeyTags<K> {
  /**
   * {@return the tags of {@code key}'s entries, the same list in the same order each time it is
   * asked about an equal key; empty for none}
   *
   * @param key a key of the cache, never null
   */
  List<String> tagsOf(K key);

  /**
   * {@return the tags of a cache whose entries carry none}
   *
   * @param <K> the cache's key type
   */
  @SuppressWarnings("unchecked")
  static <K> KeyTags<K> none() {
    return (KeyTags<K>) None.INSTANCE;
  }

  /** {@return whether these are the tags of a cache whose entries carry none} */
  default boolean isNone() {
    return this == None.INSTANCE;
  }
}

/** The one {@link KeyTags#none()}. */
enum None implements KeyTags<Object> {
  INSTANCE;

  @Override
  public List<String> tagsOf(Object key) {
    return List.of();
  }
}
