package io.tiered.spring.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tiered.runtime.TieredProxy;
import jakarta.persistence.EntityManagerFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.data.domain.PageRequest;

/**
 * A Spring Data JPA repository on H2, in a whole Boot application (web server, Actuator,
 * Micrometer): Spring Data makes it through a {@code FactoryBean}, and it is wrapped, listed by the
 * endpoint and metered like any bean. Origin calls are the SQL statements Hibernate prepares.
 */
@SpringBootTest(classes = JpaApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
        "management.endpoints.web.exposure.include=tiered",
        "spring.jpa.properties.hibernate.generate_statistics=true",
        "spring.datasource.url=jdbc:h2:mem:vets;DB_CLOSE_DELAY=-1"})
class SpringDataRepositoryTest {
  @Autowired VetRepository vets;
  @Autowired EntityManagerFactory entityManagers;
  @Autowired MeterRegistry registry;
  @Value("${local.server.port}") int port;
  private Statistics statistics;

  @BeforeEach
  void rows() {
    statistics = entityManagers.unwrap(SessionFactory.class).getStatistics();
    vets.save(new Vet(1, "James Carter"));
    vets.save(new Vet(2, "Helen Leary"));
    ((TieredProxy) vets).invalidateAll();
  }

  @Test
  void theRepositoryIsWrappedAndItsReadsAreCached() {
    assertThat(vets).isInstanceOf(TieredProxy.class);
    long before = statistics.getPrepareStatementCount();

    assertThat(vets.findAll()).extracting(Vet::getName)
        .containsExactlyInAnyOrder("James Carter", "Helen Leary");
    assertThat(vets.findAll()).hasSize(2);

    assertThat(statistics.getPrepareStatementCount()).isEqualTo(before + 1);
  }

  @Test
  void aPageIsCachedByItsPageRequest() {
    long before = statistics.getPrepareStatementCount();

    assertThat(vets.findAll(PageRequest.of(0, 1)).getTotalElements()).isEqualTo(2);
    assertThat(vets.findAll(PageRequest.of(0, 1)).getContent()).hasSize(1);
    long firstPage = statistics.getPrepareStatementCount() - before;
    vets.findAll(PageRequest.of(1, 1));

    assertThat(firstPage).isPositive(); // the page's query and its count query, once
    assertThat(statistics.getPrepareStatementCount() - before).isEqualTo(2 * firstPage);
  }

  @Test
  void theEndpointListsTheRepository() throws Exception {
    vets.findAll();
    vets.findAll();

    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/actuator/tiered")).GET().build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    String repository = "$.proxies.vetRepository";
    assertThat(JsonPath.<String>read(response.body(), repository + ".interfaceName"))
        .isEqualTo(VetRepository.class.getName());
    assertThat(JsonPath.<Integer>read(response.body(),
        repository + ".caches['VetRepository.findAll()'].tiers.l1.hits")).isPositive();
  }

  @Test
  void theRepositorysCachesAreMetered() {
    vets.findAll();
    vets.findAll();

    FunctionCounter hits = registry.find("cache.gets")
        .tags("cache", "VetRepository.findAll()", "tier", "l1", "result", "hit").functionCounter();
    assertThat(hits).isNotNull();
    assertThat(hits.count()).isPositive();
  }
}
