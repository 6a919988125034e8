package dev.cairn.autoconfigure.metrics;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.cairn.autoconfigure.CairnAutoConfiguration;
import dev.cairn.autoconfigure.CairnRunTracker;

/**
 * Auto-configuration of Cairn's observations ({@code cairn.run}, {@code cairn.migration}),
 * when Micrometer Observation and an {@link ObservationRegistry} are present.
 */
@AutoConfiguration(after = CairnAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean({ ObservationRegistry.class, CairnRunTracker.class })
public final class CairnObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CairnObservations cairnObservations(ObservationRegistry registry) {
		return new CairnObservations(registry);
	}

}
