package dev.cairn.core.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.CairnException;
import dev.cairn.core.FleetResult;
import dev.cairn.core.TenantDatabases;
import dev.cairn.core.TenantFleet;
import dev.cairn.core.TenantOutcome;
import dev.cairn.core.TenantSource;
import dev.cairn.test.Sql;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Nothing hangs past the connect timeout: a server (or pooler, or load balancer) that accepts
 * connections and never answers, one that closes them at once, and a pool that never hands one
 * out. The timeouts only guard the build against a hang; nothing asserts how long anything took.
 */
@Timeout(120)
class StuckServerTests {

	@TempDir
	Path folder;

	private Cairn cairn(DataSource dataSource, String track) {
		Faults.write(this.folder, "1_a.up.sql", "CREATE TABLE a (id int);");
		return new Cairn(CairnConfiguration.builder()
			.dataSource(dataSource)
			.track(track)
			.locations("filesystem:" + this.folder)
			.connectTimeout(Duration.ofSeconds(2))
			.build());
	}

	private static void assertNoAnswer(Throwable failure) {
		assertThat(failure).isInstanceOf(CairnException.class);
		assertThat(failure.getMessage()).contains("cannot connect to the database", "no connection within",
				"TCP connect, TLS, start-up and authentication", "connect timeout (PT2S)",
				"accepts connections but does not answer");
	}

	@Test
	void migrateGivesUpOnAServerThatNeverAnswersAndTheDriverGivesUpToo() throws Exception {
		try (StuckServer server = StuckServer.start(StuckServer.Behaviour.NEVER_ANSWERS)) {
			assertNoAnswer(catchThrowable(cairn(server.dataSource(), "stuck_migrate")::migrate));
			// pgjdbc's own DataSource got the timeout as well: the abandoned attempt ends rather than wait forever.
			awaitNoAttemptOf("stuck_migrate");
		}
	}

	@Test
	void statusAndValidateGiveUpOnAServerThatNeverAnswers() throws Exception {
		try (StuckServer server = StuckServer.start(StuckServer.Behaviour.NEVER_ANSWERS)) {
			assertNoAnswer(catchThrowable(cairn(server.dataSource(), "stuck_status")::status));
			assertNoAnswer(catchThrowable(cairn(server.dataSource(), "stuck_validate")::validate));
		}
	}

	@Test
	void aDataSourceCairnCannotConfigureIsBoundedAllTheSame() throws Exception {
		try (StuckServer server = StuckServer.start(StuckServer.Behaviour.NEVER_ANSWERS)) {
			for (Function<Cairn, Object> operation : java.util.List.<Function<Cairn, Object>>of(Cairn::migrate,
					Cairn::status)) {
				Cairn cairn = cairn(ForeignDataSource.of(server.dataSource()), "stuck_foreign");
				assertNoAnswer(catchThrowable(() -> operation.apply(cairn)));
			}
		}
	}

	@Test
	void aServerThatClosesEveryConnectionIsRetriedUntilTheConnectTimeout() throws Exception {
		try (StuckServer server = StuckServer.start(StuckServer.Behaviour.CLOSES)) {
			Throwable migrate = catchThrowable(cairn(server.dataSource(), "closing")::migrate);
			assertThat(migrate).isInstanceOf(CairnException.class);
			assertThat(migrate.getMessage()).contains("cannot connect to the database after", "attempts",
					"(SQLSTATE 08001)", "did not answer within the connect timeout (PT2S)");
			Throwable status = catchThrowable(cairn(server.dataSource(), "closing")::status);
			assertThat(status).isInstanceOf(CairnException.class);
			assertThat(status.getMessage()).contains("cannot connect to the database: ", "(SQLSTATE 08001)",
					"The server did not answer: check that it is up and reachable.");
		}
	}

	@Test
	void aConnectionThatArrivesAfterTheTimeoutIsClosedNotLeaked() throws Exception {
		DataSource database = TestDatabase.createDatabase();
		ForeignDataSource pool = ForeignDataSource.gated(database);
		assertNoAnswer(catchThrowable(cairn(pool, "late")::migrate));
		pool.release();
		while (pool.handedOut().isEmpty() || !pool.handedOut().get(0).isClosed()) {
			Thread.sleep(20);
		}
		assertThat(pool.handedOut()).hasSize(1);
		// Nothing ran on it.
		assertThat(Sql.tableExists(database, "public.cairn_history")).isFalse();
	}

	@Test
	void aTenantDatabaseOnAServerThatNeverAnswersFailsAloneWithinTheConnectTimeout() throws Exception {
		Faults.write(this.folder, "1_a.up.sql", "CREATE TABLE a (id int);");
		PGSimpleDataSource catalogue = TestDatabase.createDatabase();
		String healthy = TestDatabase.createDatabase().getDatabaseName();
		try (StuckServer server = StuckServer.start(StuckServer.Behaviour.NEVER_ANSWERS)) {
			CairnConfiguration.Builder builder = CairnConfiguration.builder()
				.dataSource(catalogue)
				.locations("filesystem:" + this.folder)
				.connectTimeout(Duration.ofSeconds(2));
			FleetResult result = TenantFleet.builder(builder.buildEngine(), builder.track("tenants").buildTrack())
				.tenants(TenantSource.of("stuck", healthy))
				.databases((tenant) -> tenant.equals("stuck") ? server.dataSource()
						: TenantDatabases.urlTemplate(TestDatabase.urlFor(TenantDatabases.TENANT), null, null)
							.dataSource(tenant))
				.workers(2)
				.build()
				.migrate();
			assertThat(result.tenant("stuck").state()).isEqualTo(TenantOutcome.State.FAILED);
			assertThat(result.tenant("stuck").error()).contains("no connection within", "connect timeout (PT2S)");
			assertThat(result.tenant(healthy).state()).isEqualTo(TenantOutcome.State.APPLIED);
		}
	}

	private static void awaitNoAttemptOf(String track) throws InterruptedException {
		while (Thread.getAllStackTraces().keySet().stream()
			.anyMatch((thread) -> thread.getName().equals("cairn-connect-attempt-" + track))) {
			Thread.sleep(50);
		}
	}

}
