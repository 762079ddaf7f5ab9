package io.tiered.it;

import io.tiered.Tiered;
import java.util.Map;

/** A generic interface: its proxy is generic too, and so is its key record. */
@Tiered
public interface Store<K extends Comparable<K>, V> {

  V get(K key);

  V getIn(K key, String region);

  Map<K, V> snapshot();
}
