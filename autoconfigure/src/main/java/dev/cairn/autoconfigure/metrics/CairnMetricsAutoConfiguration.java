package dev.cairn.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.MeterObservationHandler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.cairn.autoconfigure.CairnAutoConfiguration;
import dev.cairn.autoconfigure.CairnRunTracker;
import dev.cairn.autoconfigure.TenantFleets;

/**
 * Auto-configuration of Cairn's meters, when Micrometer and a {@link MeterRegistry} are
 * present. Ordered after the composite registry (by name, so that the metrics module need not
 * be present): otherwise the registry bean is not known yet and this backs off silently.
 */
@AutoConfiguration(after = { CairnAutoConfiguration.class, CairnObservationAutoConfiguration.class },
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, CairnRunTracker.class })
public final class CairnMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CairnMetrics cairnMetrics(MeterRegistry registry, CairnRunTracker tracker,
			ObjectProvider<CairnObservations> observations, ObjectProvider<MeterObservationHandler<?>> meterHandlers) {
		// Observations give the run and migration timers only when a meter handler turns them into timers.
		boolean observed = observations.getIfAvailable() != null && meterHandlers.stream().findAny().isPresent();
		return new CairnMetrics(registry, tracker, !observed);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(TenantFleets.class)
	CairnFleetMetrics cairnFleetMetrics(TenantFleets fleets) {
		return new CairnFleetMetrics(fleets);
	}

}
