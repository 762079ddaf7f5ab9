package io.tiered.spring.tracing;

import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** The origin: one query per call, noting the trace id its logs would carry (the MDC's). */
@Service
class JdbcPrices implements Prices {
  private final JdbcTemplate jdbc;
  private final OriginLog log;

  JdbcPrices(JdbcTemplate jdbc, OriginLog log) {
    this.jdbc = jdbc;
    this.log = log;
  }

  @Override
  public String price(String sku) {
    log.traceIdsInMdc.add(String.valueOf(MDC.get("traceId")));
    return jdbc.queryForObject("select cents from price where sku = ?", String.class, sku);
  }
}
