package dev.cairn.autoconfigure.endpoint;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.cairn.autoconfigure.CairnAutoConfiguration;
import dev.cairn.autoconfigure.CairnRunTracker;
import dev.cairn.core.TrackSet;
import dev.cairn.core.command.OperationRunner;

/**
 * Auto-configuration of the {@code migrations} Actuator endpoint, when Actuator is present and
 * the endpoint is exposed ({@code management.endpoints.web.exposure.include=migrations}), and
 * of its write operations, when {@code cairn.endpoint.write-operations.enabled=true}.
 */
@AutoConfiguration(after = CairnAutoConfiguration.class)
@ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
@ConditionalOnAvailableEndpoint(MigrationsEndpoint.class)
public final class MigrationsEndpointAutoConfiguration {

	@Bean
	@ConditionalOnBean({ TrackSet.class, CairnRunTracker.class })
	@ConditionalOnMissingBean
	MigrationsEndpoint migrationsEndpoint(TrackSet tracks, CairnRunTracker tracker) {
		return new MigrationsEndpoint(tracks.tracks(), tracker);
	}

	// Spring Boot also drops write operations unless management.endpoint.migrations.access is unrestricted.
	@Bean
	@ConditionalOnBean(MigrationsEndpoint.class)
	@ConditionalOnBooleanProperty("cairn.endpoint.write-operations.enabled")
	@ConditionalOnMissingBean
	MigrationsEndpointWebExtension migrationsEndpointWebExtension(TrackSet tracks) {
		return new MigrationsEndpointWebExtension(new OperationRunner(tracks));
	}

}
