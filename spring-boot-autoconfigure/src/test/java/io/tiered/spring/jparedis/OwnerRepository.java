package io.tiered.spring.jparedis;

import io.tiered.Fallback;
import io.tiered.Tiered;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.Repository;

/** A Spring Data JPA repository cached in L1 and in the Redis tier every instance shares. */
public interface OwnerRepository extends Repository<Owner, Integer> {

  @Tiered(ttl = "10m")
  @Fallback(tier = "shared", ttl = "1h")
  List<Owner> findAll();

  @Tiered(ttl = "10m")
  @Fallback(tier = "shared", ttl = "1h")
  Page<Owner> findAll(Pageable pageable);

  Owner save(Owner owner);
}
