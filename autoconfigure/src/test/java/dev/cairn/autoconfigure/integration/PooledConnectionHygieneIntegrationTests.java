package dev.cairn.autoconfigure.integration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.cairn.autoconfigure.TestDatabases;
import dev.cairn.test.Sql;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the application's own pool and {@code cairn.fail-on-error=false}, a migration that opens
 * its own transaction, changes its role and search path, takes an advisory lock and fails inside
 * that transaction leaves every pooled connection clean: no open transaction, no lock, the
 * pool's role and settings.
 */
class PooledConnectionHygieneIntegrationTests {

	@Test
	void theConnectionsThePoolHandsOutAfterAFailedMigrationAreClean() throws SQLException {
		String url = TestDatabases.createUrl();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CairnTestApplication.class)
			.properties("spring.datasource.url=" + url, "spring.main.web-application-type=none",
					"spring.datasource.hikari.maximum-pool-size=2", "spring.datasource.hikari.minimum-idle=2",
					"spring.datasource.hikari.connection-init-sql=SET work_mem = '7MB'",
					"cairn.locations=classpath:cairn/hygiene", "cairn.fail-on-error=false")
			.run()) {
			DataSource pool = context.getBean(DataSource.class);
			assertThat(Sql.column(pool, "SELECT version || ':' || state FROM cairn_history ORDER BY applied_order"))
				.containsExactly("1:applied", "2:failed");
			// Both connections of the pool at once: the lock's and the one the migration ran on.
			List<Connection> borrowed = new ArrayList<>();
			try {
				for (int i = 0; i < 2; i++) {
					borrowed.add(pool.getConnection());
				}
				for (Connection connection : borrowed) {
					assertThat(connection.unwrap(BaseConnection.class).getTransactionState())
						.isEqualTo(TransactionState.IDLE);
					assertThat(connection.getAutoCommit()).isTrue();
					assertThat(session(connection)).isEqualTo("postgres | postgres | \"$user\", public | 7MB | 0");
				}
			}
			finally {
				for (Connection connection : borrowed) {
					connection.close();
				}
			}
		}
	}

	/** User, session user, search path, work_mem and advisory locks held, as the server sees them. */
	private static String session(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT current_user || ' | ' || session_user || ' | '"
						+ " || current_setting('search_path') || ' | ' || current_setting('work_mem') || ' | '"
						+ " || (SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid())")) {
			result.next();
			return result.getString(1);
		}
	}

}
