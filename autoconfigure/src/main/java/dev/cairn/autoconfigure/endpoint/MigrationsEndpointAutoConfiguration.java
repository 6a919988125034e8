package dev.cairn.autoconfigure.endpoint;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

import dev.cairn.autoconfigure.CairnAutoConfiguration;
import dev.cairn.autoconfigure.CairnProperties;
import dev.cairn.autoconfigure.CairnRunTracker;
import dev.cairn.autoconfigure.TenantFleets;
import dev.cairn.core.TrackSet;
import dev.cairn.core.command.OperationRunner;

/**
 * Auto-configuration of the {@code migrations} Actuator endpoint, when Actuator is present and
 * the endpoint is exposed ({@code management.endpoints.web.exposure.include=migrations}), and
 * of its write operations, when {@code cairn.endpoint.write-operations.enabled=true}: only with
 * Spring Security present, unless {@code cairn.endpoint.write-operations.allow-anonymous=true}
 * says anonymous callers are intended (see {@link WriteOperationsGuard}).
 */
@AutoConfiguration(after = CairnAutoConfiguration.class)
@ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
@ConditionalOnAvailableEndpoint(MigrationsEndpoint.class)
public final class MigrationsEndpointAutoConfiguration {

	@Bean
	@ConditionalOnBean({ TrackSet.class, CairnRunTracker.class })
	@ConditionalOnMissingBean
	MigrationsEndpoint migrationsEndpoint(TrackSet tracks, CairnRunTracker tracker,
			ObjectProvider<TenantFleets> fleets) {
		return new MigrationsEndpoint(tracks.tracks(), tracker, fleets.getIfAvailable());
	}

	// Spring Boot also drops write operations unless management.endpoint.migrations.access is unrestricted.
	@Bean
	@ConditionalOnBean(MigrationsEndpoint.class)
	@ConditionalOnBooleanProperty("cairn.endpoint.write-operations.enabled")
	@ConditionalOnMissingBean
	MigrationsEndpointWebExtension migrationsEndpointWebExtension(TrackSet tracks,
			ObjectProvider<CairnProperties> properties, ResourceLoader resourceLoader) {
		boolean allowAnonymous = properties.getIfAvailable(CairnProperties::new)
			.getEndpoint()
			.getWriteOperations()
			.isAllowAnonymous();
		WriteOperationsGuard.check(allowAnonymous, resourceLoader.getClassLoader());
		return new MigrationsEndpointWebExtension(new OperationRunner(tracks), allowAnonymous);
	}

}
