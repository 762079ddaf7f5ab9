package io.tiered.spring.codec;

import io.tiered.Fallback;
import io.tiered.Tiered;
import org.springframework.data.domain.Page;

/** Cached in L1 and Redis: values only a configured mapper, or nobody, can read back. */
@Tiered(ttl = "10m")
@Fallback(tier = "shared", ttl = "10m")
public interface Library {

  Shelf shelf(String name);

  Page<String> titles(int page);
}
