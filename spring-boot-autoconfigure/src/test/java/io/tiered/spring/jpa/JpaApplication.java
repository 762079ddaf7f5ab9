package io.tiered.spring.jpa;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** A Boot application with a Spring Data JPA repository on H2, started as users start theirs. */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class JpaApplication {}
