package io.tiered.spring.codec;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;

/** The origin, counting its calls. */
public class CountingLibrary implements Library {
  private final AtomicInteger calls = new AtomicInteger();

  @Override
  public Shelf shelf(String name) {
    calls.incrementAndGet();
    return new BookShelf(name);
  }

  @Override
  public Page<String> titles(int page) {
    calls.incrementAndGet();
    return new PageImpl<>(List.of("Dune", "Emma"), PageRequest.of(page, 2), 10);
  }

  public int calls() {
    return calls.get();
  }
}
