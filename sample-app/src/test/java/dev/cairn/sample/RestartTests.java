package dev.cairn.sample;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second start on a migrated database, as after a deploy or a pod restart: nothing is
 * applied again, history is untouched, the data is still there.
 */
class RestartTests {

	@Test
	void aRestartOnTheSameDatabaseIsANoOp() {
		String url = TestServers.freshDatabase();
		List<Map<String, Object>> historyAfterFirstStart;
		try (ConfigurableApplicationContext first = start(url)) {
			historyAfterFirstStart = history(first);
			assertThat(historyAfterFirstStart).hasSize(9);
			client(first).post()
				.uri("/authors")
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("name", "Ada Lovelace", "born", 1815))
				.exchange()
				.expectStatus()
				.isCreated();
		}
		try (ConfigurableApplicationContext second = start(url)) {
			assertThat(history(second)).isEqualTo(historyAfterFirstStart);
			client(second).get()
				.uri("/actuator/health")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.components.migrations.status").isEqualTo("UP")
				.jsonPath("$.components.migrations.details.default.lastRun").isEqualTo("success")
				.jsonPath("$.components.migrations.details.default.lastRunApplied").isEqualTo(0);
			client(second).get().uri("/authors").exchange().expectBody()
				.jsonPath("$[?(@.name == 'Ada Lovelace')]").exists();
		}
	}

	private static ConfigurableApplicationContext start(String url) {
		return new SpringApplicationBuilder(LibraryApplication.class).run("--spring.datasource.url=" + url,
				"--server.port=0");
	}

	private static List<Map<String, Object>> history(ConfigurableApplicationContext context) {
		return context.getBean(JdbcClient.class)
			.sql("SELECT version, script, checksum, state, applied_at, applied_order FROM public.cairn_history"
					+ " ORDER BY applied_order")
			.query()
			.listOfRows();
	}

	private static RestTestClient client(ConfigurableApplicationContext context) {
		return TestServers.client(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
	}

}
