package io.tiered.spring.jparedis;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** A Boot application with a Spring Data JPA repository on H2 and Tiered's Redis tier. */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class JpaRedisApplication {}
