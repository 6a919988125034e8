package dev.cairn.sample.embedded;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Starts an embedded PostgreSQL when no {@code spring.datasource.url} is configured, so the
 * sample runs on a machine with nothing but a JDK, and points {@code spring.datasource.*} at it.
 * When a URL is configured (environment variable, profile, command line, a test's
 * {@code @DynamicPropertySource}) it starts nothing.
 *
 * <p>It is a bean factory post-processor because that is the first moment every property
 * source is in place, test ones included, and the last before any bean, the DataSource among
 * them, is created. Being the first bean created, it is also the last destroyed, so the server
 * stops after the connection pool has closed.
 */
public final class EmbeddedPostgresBootstrap
		implements BeanFactoryPostProcessor, EnvironmentAware, DisposableBean, PriorityOrdered {

	static final String URL_PROPERTY = "spring.datasource.url";

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedPostgresBootstrap.class);

	private ConfigurableEnvironment environment;

	private EmbeddedPostgresServer server;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = (ConfigurableEnvironment) environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		if (StringUtils.hasText(this.environment.getProperty(URL_PROPERTY))) {
			logger.debug("spring.datasource.url is set; no embedded PostgreSQL");
			return;
		}
		this.server = EmbeddedPostgresServer.start(EmbeddedPostgresSettings.from(this.environment));
		// First, so a username configured for another server cannot pair with this URL.
		this.environment.getPropertySources()
			.addFirst(new MapPropertySource("embeddedPostgres",
					Map.of(URL_PROPERTY, this.server.jdbcUrl(), "spring.datasource.username", this.server.user())));
	}

	/** The embedded server's JDBC URL, or {@code null} when a configured server is used. */
	String jdbcUrl() {
		return (this.server != null) ? this.server.jdbcUrl() : null;
	}

	@Override
	public void destroy() {
		if (this.server != null) {
			this.server.close();
			this.server = null;
		}
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
