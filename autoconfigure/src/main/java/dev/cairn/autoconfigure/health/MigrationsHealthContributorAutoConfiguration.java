package dev.cairn.autoconfigure.health;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;

import dev.cairn.autoconfigure.CairnAutoConfiguration;
import dev.cairn.autoconfigure.CairnRunTracker;
import dev.cairn.autoconfigure.TenantFleets;
import dev.cairn.core.TrackSet;

/**
 * Auto-configuration of the {@code migrations} health component, when Spring Boot's health
 * support is present; {@code management.health.migrations.enabled=false} switches it off.
 */
@AutoConfiguration(after = CairnAutoConfiguration.class)
@ConditionalOnClass(ConditionalOnEnabledHealthIndicator.class)
@ConditionalOnBean(CairnRunTracker.class)
@ConditionalOnEnabledHealthIndicator("migrations")
public final class MigrationsHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "migrationsHealthIndicator")
	MigrationsHealthIndicator migrationsHealthIndicator(ObjectProvider<TrackSet> tracks, CairnRunTracker tracker,
			ObjectProvider<TenantFleets> fleets) {
		TrackSet set = tracks.getIfAvailable();
		if (set == null) {
			return new MigrationsHealthIndicator(List.of(), List.of(), tracker, fleets.getIfAvailable());
		}
		List<String> enabled = set.enabled().stream().map((cairn) -> cairn.configuration().track()).toList();
		List<String> disabled = set.names().stream().filter((name) -> !enabled.contains(name)).toList();
		return new MigrationsHealthIndicator(enabled, disabled, tracker, fleets.getIfAvailable());
	}

}
