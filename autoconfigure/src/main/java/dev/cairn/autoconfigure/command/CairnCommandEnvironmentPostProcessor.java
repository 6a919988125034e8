package dev.cairn.autoconfigure.command;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * When {@code cairn.command} is set, starts the application without a web server
 * ({@code spring.main.web-application-type=none}): the command runs and the application exits,
 * so nothing should listen on a port meanwhile. The default is added last, so a
 * {@code spring.main.web-application-type} the application sets anywhere wins. Runs after the
 * configuration files are read, so {@code cairn.command} may come from a profile's YAML.
 */
public class CairnCommandEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** The name of the property source with the command mode's defaults. */
	public static final String PROPERTY_SOURCE_NAME = "cairnCommandDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (StringUtils.hasText(environment.getProperty("cairn.command"))
				&& !environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			environment.getPropertySources()
				.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of("spring.main.web-application-type", "none")));
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
