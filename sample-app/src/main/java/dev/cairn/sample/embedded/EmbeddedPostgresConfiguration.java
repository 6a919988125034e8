package dev.cairn.sample.embedded;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers {@link EmbeddedPostgresBootstrap}.
 */
@Configuration(proxyBeanMethods = false)
public class EmbeddedPostgresConfiguration {

	/** Static, as post-processors must be, so that creating it does not create this class first. */
	@Bean
	static EmbeddedPostgresBootstrap embeddedPostgresBootstrap() {
		return new EmbeddedPostgresBootstrap();
	}

}
