package dev.cairn.autoconfigure.integration;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.cairn.autoconfigure.CairnRunTracker;
import dev.cairn.core.Cairn;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quick start with a container: a {@code @ServiceConnection} PostgreSQL, the default
 * {@code classpath:db/migrations} folder, no Cairn property at all. Skipped where Docker does
 * not run.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = CairnTestApplication.class, properties = "spring.main.web-application-type=none")
class TestcontainersIntegrationTests {

	@Container
	@ServiceConnection
	static PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17-alpine");

	@Autowired
	private Cairn cairn;

	@Autowired
	private CairnRunTracker tracker;

	@Autowired
	private JdbcTemplate jdbcTemplate;

	@Test
	void migratesTheContainerDatabaseOnStartup() {
		assertThat(this.cairn.status().isUpToDate()).isTrue();
		assertThat(this.tracker.track("default").status()).isEqualTo(CairnRunTracker.Status.UP_TO_DATE);
		assertThat(this.jdbcTemplate.queryForObject("SELECT text FROM greetings WHERE id = 1", String.class))
			.isEqualTo("hello");
	}

}
