package io.tiered.it;

import java.util.List;

/** A generic super-interface without annotations: its methods are inherited by proxies. */
public interface Repository<K, V> {

  V find(K id);

  List<V> findBoth(K first, K second);

  void save(V value);
}
