package dev.cairn.core.faults;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.CairnException;
import dev.cairn.core.MigrateResult;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A server with no free connection slot (SQLSTATE 53300: a role's or a database's CONNECTION
 * LIMIT, max_connections) is waited for within the connect timeout like a server that is
 * starting, and the failure says what to raise rather than to check the password. Superusers
 * pass every such limit, so the runs log in as a role of their own. The timeout only guards
 * the build against a hang.
 */
@Timeout(120)
class ConnectionLimitTests {

	@TempDir
	Path folder;

	private final List<String> roles = new ArrayList<>();

	private final List<Connection> held = new ArrayList<>();

	private PGSimpleDataSource database;

	@AfterEach
	void cleanUp() throws Exception {
		for (Connection connection : this.held) {
			connection.close();
		}
		for (String role : this.roles) {
			TestDatabase.execute(this.database, "DROP OWNED BY " + role);
			TestDatabase.execute(TestDatabase.adminDataSource(), "DROP ROLE IF EXISTS " + role);
		}
	}

	/** A role allowed to migrate this test's database, with at most {@code roleLimit} connections (-1: any). */
	private PGSimpleDataSource role(int roleLimit) {
		this.database = TestDatabase.createDatabase();
		String name = this.database.getDatabaseName().replace("cairn_test_", "cairn_limit_");
		this.roles.add(name);
		TestDatabase.execute(TestDatabase.adminDataSource(), "CREATE ROLE " + name + " LOGIN CONNECTION LIMIT " + roleLimit);
		TestDatabase.execute(this.database, "GRANT CREATE, USAGE ON SCHEMA public TO " + name);
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(TestDatabase.urlFor(this.database.getDatabaseName()));
		dataSource.setUser(name);
		return dataSource;
	}

	private Cairn cairn(javax.sql.DataSource dataSource, Duration connectTimeout) {
		Faults.write(this.folder, "1_a.up.sql", "CREATE TABLE a (id int);");
		return new Cairn(CairnConfiguration.builder()
			.dataSource(dataSource)
			.locations("filesystem:" + this.folder)
			.connectTimeout(connectTimeout)
			.build());
	}

	private Connection hold(javax.sql.DataSource dataSource) throws Exception {
		Connection connection = dataSource.getConnection();
		this.held.add(connection);
		return connection;
	}

	/**
	 * With both connections a run that applies needs (the lock's and the one migrations run on)
	 * taken, migrate retries; once they are given back, it applies.
	 */
	private void appliesOnceTheConnectionsAreGivenBack(PGSimpleDataSource role) throws Exception {
		Connection taken = hold(role);
		Connection other = hold(role);
		ForeignDataSource counting = ForeignDataSource.of(role);
		CompletableFuture<MigrateResult> run = CompletableFuture
			.supplyAsync(() -> cairn(counting, Duration.ofSeconds(60)).migrate());
		while (counting.attempts() < 2) {
			Thread.sleep(20);
		}
		taken.close();
		other.close();
		assertThat(run.get(90, TimeUnit.SECONDS).applied()).hasSize(1);
	}

	@Test
	void aRoleAtItsConnectionLimitIsWaitedForUntilAConnectionIsGivenBack() throws Exception {
		appliesOnceTheConnectionsAreGivenBack(role(2));
	}

	@Test
	void aDatabaseAtItsConnectionLimitIsWaitedForUntilAConnectionIsGivenBack() throws Exception {
		PGSimpleDataSource role = role(-1);
		TestDatabase.execute(TestDatabase.adminDataSource(),
				"ALTER DATABASE " + this.database.getDatabaseName() + " CONNECTION LIMIT 2");
		appliesOnceTheConnectionsAreGivenBack(role);
	}

	@Test
	void aLimitThatStaysReachedFailsAfterTheConnectTimeoutSayingWhatToRaise() throws Exception {
		PGSimpleDataSource role = role(1);
		hold(role);
		Throwable migrate = catchThrowable(cairn(role, Duration.ofSeconds(1))::migrate);
		assertThat(migrate).isInstanceOf(CairnException.class);
		assertThat(migrate.getMessage()).contains("cannot connect to the database after", "too many connections for role",
				"(SQLSTATE 53300)", "no free connection slot", "raise max_connections or that limit",
				"within the connect timeout (PT1S)")
			.doesNotContain("Check the URL, user and password");
		Throwable status = catchThrowable(cairn(role, Duration.ofSeconds(1))::status);
		assertThat(status.getMessage()).contains("(SQLSTATE 53300)", "no free connection slot")
			.doesNotContain("Check the URL, user and password");
	}

}
