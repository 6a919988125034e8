package dev.cairn.autoconfigure.integration;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.cairn.autoconfigure.CairnRunTracker;
import dev.cairn.autoconfigure.TestDatabases;
import dev.cairn.core.Cairn;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application whose classpath has neither Actuator, health nor Micrometer still starts and
 * migrates: every optional auto-configuration is kept out by its class condition. The
 * application runs in a class loader built from this test's classpath minus those jars, so
 * Spring Boot's real auto-configuration import (not a test shortcut) decides.
 */
class WithoutActuatorIntegrationTests {

	private static final List<String> LEFT_OUT = List.of("spring-boot-actuator", "spring-boot-health",
			"spring-boot-micrometer", "micrometer-");

	@Test
	void startsAndMigratesWithoutActuatorHealthOrMicrometer() throws Exception {
		String url = TestDatabases.createUrl();
		List<URL> classpath = new ArrayList<>();
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			String name = Path.of(entry).getFileName().toString();
			if (LEFT_OUT.stream().noneMatch(name::startsWith)) {
				classpath.add(url(entry));
			}
		}
		ClassLoader previous = Thread.currentThread().getContextClassLoader();
		try (URLClassLoader loader = new URLClassLoader(classpath.toArray(URL[]::new),
				ClassLoader.getPlatformClassLoader())) {
			assertThat(loader.getResource("io/micrometer/core/instrument/MeterRegistry.class")).isNull();
			Thread.currentThread().setContextClassLoader(loader);
			Object summary = loader.loadClass(IsolatedApplication.class.getName())
				.getMethod("run", String.class)
				.invoke(null, url);
			assertThat(summary).isEqualTo("migrated=true, endpoint=false, health=false, metrics=false");
		}
		finally {
			Thread.currentThread().setContextClassLoader(previous);
		}
	}

	private static URL url(String entry) {
		try {
			return Path.of(entry).toUri().toURL();
		}
		catch (MalformedURLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Runs inside the reduced class loader; returns plain text so nothing crosses loaders.
	 */
	public static final class IsolatedApplication {

		private IsolatedApplication() {
		}

		public static String run(String url) {
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CairnTestApplication.class)
				.properties("spring.datasource.url=" + url, "spring.main.web-application-type=none",
						"cairn.locations=classpath:cairn/ok")
				.run()) {
				boolean migrated = context.getBean(Cairn.class).status().isUpToDate()
						&& context.getBean(CairnRunTracker.class).track("default").status() == CairnRunTracker.Status.UP_TO_DATE;
				return "migrated=" + migrated + ", endpoint=" + context.containsBean("migrationsEndpoint") + ", health="
						+ context.containsBean("migrationsHealthIndicator") + ", metrics="
						+ (context.containsBean("cairnMetrics") || context.containsBean("cairnObservations"));
			}
		}

	}

}
