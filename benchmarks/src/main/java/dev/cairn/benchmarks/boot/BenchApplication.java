package dev.cairn.benchmarks.boot;

import java.lang.management.ManagementFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.ClassUtils;

import dev.cairn.benchmarks.jvm.ChildMain;

/**
 * The minimal application of the Spring Boot start-up benchmark: JDBC and a DataSource, no web
 * server, and one runner that reads from the database, as any real application would. Which
 * migration integration runs (none, the Cairn starter, Boot's Flyway integration) depends only
 * on the class path it is started with. When it is ready it says so on standard output and exits.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class BenchApplication {

	public static void main(String[] args) {
		SpringApplication.run(BenchApplication.class, args);
	}

	@Bean
	ApplicationRunner touchDatabase(JdbcTemplate jdbc) {
		return (ApplicationArguments args) -> jdbc.queryForObject("SELECT count(*) FROM pg_class", Long.class);
	}

	@Bean
	ApplicationListener<ApplicationReadyEvent> reportReady() {
		return (event) -> {
			// The parent times launch to this line; the JVM's own uptime is reported alongside.
			System.out.println(ChildMain.PREFIX + " ready_uptime_millis " + ManagementFactory.getRuntimeMXBean().getUptime());
			// Which tool was wired, so a variant cannot silently run without its tool.
			System.out.println(ChildMain.PREFIX + " cairn_beans " + beans(event, "dev.cairn.core.Cairn"));
			System.out.println(ChildMain.PREFIX + " flyway_beans " + beans(event, "org.flywaydb.core.Flyway"));
			System.out.flush();
			System.exit(SpringApplication.exit(event.getApplicationContext()));
		};
	}

	private static int beans(ApplicationReadyEvent event, String type) {
		ClassLoader classLoader = BenchApplication.class.getClassLoader();
		if (!ClassUtils.isPresent(type, classLoader)) {
			return 0;
		}
		return event.getApplicationContext().getBeanNamesForType(ClassUtils.resolveClassName(type, classLoader)).length;
	}

}
