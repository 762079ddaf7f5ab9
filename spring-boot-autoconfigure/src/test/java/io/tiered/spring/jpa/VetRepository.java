package io.tiered.spring.jpa;

import io.tiered.Tiered;
import java.util.Collection;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * A Spring Data JPA repository whose reads are cached, as petclinic's {@code VetRepository} is
 * with {@code @Cacheable("vets")}: Spring Data makes the bean through a {@code FactoryBean}.
 */
public interface VetRepository extends Repository<Vet, Integer> {

  @Tiered(ttl = "10m")
  @Transactional(readOnly = true)
  Collection<Vet> findAll();

  @Tiered(ttl = "10m")
  @Transactional(readOnly = true)
  Page<Vet> findAll(Pageable pageable);

  Vet save(Vet vet);
}
