package io.tiered.spring.jparedis;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.tiered.redis.RedisServer;
import io.tiered.runtime.TieredProxy;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Spring Data JPA repository on H2 whose reads are shared through Redis: its entities go to
 * Redis through the application's Jackson 3 mapper, and its {@code Page} results, which no JSON
 * mapper can read back, are found at their first write and kept out of Redis.
 */
@SpringBootTest(classes = JpaRedisApplication.class, properties = {
    "tiered.redis.tier=shared",
    "spring.datasource.url=jdbc:h2:mem:owners;DB_CLOSE_DELAY=-1"})
class SpringDataOverRedisTest {
  private static final RedisServer REDIS = start();

  @Autowired OwnerRepository owners;
  @Autowired MeterRegistry registry;

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry properties) {
    properties.add("spring.data.redis.port", REDIS::port);
  }

  @AfterAll
  static void stopRedis() throws IOException {
    REDIS.close();
  }

  @Test
  void entitiesAreSharedThroughRedisAndPagesAreKeptOutAfterOneWarning() {
    owners.save(new Owner(1, "George Franklin"));
    ((TieredProxy) owners).invalidateAll();

    assertThat(owners.findAll()).extracting(Owner::getName).containsExactly("George Franklin");
    assertThat(owners.findAll(PageRequest.of(0, 5)).getTotalElements()).isEqualTo(1);

    assertThat(REDIS.send("KEYS tiered:OwnerRepository.findAll():*")).isEqualTo("*1");
    assertThat(REDIS.send("KEYS tiered:OwnerRepository.findAll(Pageable):*")).isEqualTo("*0");
    TieredProxy proxy = (TieredProxy) owners;
    assertThat(proxy.stats().cache("OwnerRepository.findAll()").tier("shared").errors()).isZero();
    assertThat(registry.find("cache.errors").tags("cache", "OwnerRepository.findAll(Pageable)",
        "tier", "shared", "operation", "codec").functionCounter().count()).isEqualTo(1);
  }

  private static RedisServer start() {
    try {
      return RedisServer.start();
    } catch (IOException | InterruptedException failed) {
      throw new IllegalStateException(failed);
    }
  }
}
