package dev.cairn.autoconfigure.integration;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * A plain Spring Boot application: auto-configuration only, no component scan, so each test
 * adds exactly the beans it needs.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class CairnTestApplication {

}
