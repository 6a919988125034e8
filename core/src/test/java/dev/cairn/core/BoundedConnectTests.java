package dev.cairn.core;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code cairn.url} data source (pgjdbc's {@code PGSimpleDataSource}) is connected with its
 * timeouts bounded by the connect timeout, so that an attempt abandoned against a stuck server
 * ends; the bound is for connecting only. Migrations run with the data source's own socket
 * timeout, however long they take.
 */
class BoundedConnectTests extends MigrationTest {

	private Cairn cairn(JavaMigration... java) {
		return new Cairn(this.migrations.configure(this.dataSource)
			.connectTimeout(Duration.ofSeconds(1))
			.javaMigrations(java)
			.build());
	}

	@Test
	void aMigrationRunsLongerThanTheConnectTimeoutWithoutBeingCut() {
		this.migrations.write("1_slow.up.sql", "CREATE TABLE a (id int); SELECT pg_sleep(2.5);")
			.write("2_slow.up.sql", "-- cairn:no-transaction\nSELECT pg_sleep(2.5);");
		assertThat(cairn().migrate().applied()).hasSize(2);
	}

	@Test
	void migrationsSeeTheDataSourcesOwnSocketTimeoutNotTheConnectBound() {
		this.dataSource.setSocketTimeout(45);
		NetworkTimeoutProbe probe = new NetworkTimeoutProbe();
		assertThat(cairn(probe).migrate().applied()).hasSize(1);
		assertThat(probe.seen.get()).isEqualTo(45_000);
	}

	@Test
	void theDataSourcesOwnSettingsReachTheServer() {
		this.dataSource.setApplicationName("orders-api-migrations");
		this.migrations.write("1_who.up.sql", "CREATE TABLE seen AS SELECT current_setting('application_name') AS name;");
		cairn().migrate();
		assertThat(dev.cairn.test.Sql.value(this.dataSource, "SELECT name FROM seen")).isEqualTo("orders-api-migrations");
	}

	/** Reads the network timeout of the connection it migrates with. */
	static final class NetworkTimeoutProbe implements JavaMigration {

		final AtomicInteger seen = new AtomicInteger(-1);

		@Override
		public String version() {
			return "1";
		}

		@Override
		public void migrate(JavaMigrationContext context) throws Exception {
			this.seen.set(context.connection().getNetworkTimeout());
		}

	}

}
