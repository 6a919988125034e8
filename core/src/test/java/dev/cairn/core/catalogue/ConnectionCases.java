package dev.cairn.core.catalogue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.ds.PGSimpleDataSource;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.LockTimeoutException;
import dev.cairn.test.HeldLock;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connections, locks and timeouts: a server that accepts and never answers or closes at once,
 * a full server, another session holding the history table. Each is answered within the
 * configured timeouts. The timeout only guards the build against a hang.
 */
@Timeout(120)
abstract class ConnectionCases extends CatalogueCases {

	private static final Duration SHORT = Duration.ofSeconds(1);

	/** A local port that accepts connections and then never answers, or closes them at once. */
	private static void withBrokenServer(boolean closes, java.util.function.Consumer<PGSimpleDataSource> body) {
		List<Socket> accepted = new CopyOnWriteArrayList<>();
		try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			Thread acceptor = new Thread(() -> {
				try {
					while (true) {
						Socket client = server.accept();
						if (closes) {
							client.close();
						}
						else {
							accepted.add(client);
						}
					}
				}
				catch (IOException ex) {
					// closed
				}
			});
			acceptor.setDaemon(true);
			acceptor.start();
			PGSimpleDataSource dataSource = new PGSimpleDataSource();
			dataSource.setUrl("jdbc:postgresql://127.0.0.1:" + server.getLocalPort() + "/app?user=migrator");
			body.accept(dataSource);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			accepted.forEach((socket) -> {
				try {
					socket.close();
				}
				catch (IOException ex) {
					// gone
				}
			});
		}
	}

	@Test
	void serverThatAcceptsAndNeverAnswersIsGivenUpOnAtTheConnectTimeout() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);");
		withBrokenServer(false, (server) -> {
			CairnException ex = refused("connection-01",
					"a server (or pooler, load balancer) that accepts connections and never answers; connect timeout 1 s",
					() -> new Cairn(configure(server).connectTimeout(SHORT).build()).migrate());
			assertThat(ex.getMessage()).contains("no connection within", "connect timeout (PT1S)");
		});
	}

	@Test
	void serverThatClosesEveryConnectionIsRetriedUntilTheConnectTimeout() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);");
		withBrokenServer(true, (server) -> {
			CairnException ex = refused("connection-02", "a server that accepts connections and closes them at once",
					() -> new Cairn(configure(server).connectTimeout(SHORT).build()).migrate());
			assertThat(ex.getMessage()).contains("did not answer within the connect timeout (PT1S)");
		});
	}

	@Test
	void roleAtItsConnectionLimitIsWaitedForThenReportedAsAFullServer() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);");
		String role = createRole("limited");
		TestDatabase.execute(TestDatabase.adminDataSource(), "ALTER ROLE " + role + " CONNECTION LIMIT 1");
		TestDatabase.execute(database(), "GRANT CREATE, USAGE ON SCHEMA public TO " + role);
		PGSimpleDataSource dataSource = connectAs(role);
		CairnException ex = refused("connection-03", "the migration role at its `CONNECTION LIMIT` for the whole"
				+ " connect timeout", () -> {
					try (Connection taken = dataSource.getConnection()) {
						new Cairn(configure(dataSource).connectTimeout(SHORT).build()).migrate();
					}
					catch (SQLException setup) {
						throw new IllegalStateException(setup);
					}
				});
		assertThat(ex.getMessage()).contains("(SQLSTATE 53300)", "no free connection slot");
	}

	@Test
	void historyTableLockedByAnotherSessionStopsMigrateWithinTheLockTimeout() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);");
		cairn().migrate();
		write("000002_b.up.sql", "CREATE TABLE b (id int);");
		CairnException ex = refused("connection-04", "another session holds `ACCESS EXCLUSIVE` on the history table"
				+ " (an open transaction after `LOCK TABLE`); lock timeout 0", () -> {
					try (HeldLock lock = HeldLock.table(database(), "public.cairn_history")
						.execute("SET application_name = 'ops-console'")) {
						new Cairn(configure().lockTimeout(Duration.ZERO).build()).migrate();
					}
				});
		assertThat(ex).isInstanceOf(LockTimeoutException.class);
		assertThat(ex.getMessage()).contains("application 'ops-console'", "holds AccessExclusiveLock on it");
	}

	@Test
	void historyTableLockedByAnotherSessionIsReportedByStatusAtOnce() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);");
		cairn().migrate();
		CairnException ex = refused("connection-05", "the same, asked by `status()` with the default lock timeout"
				+ " (5 minutes)", () -> {
					try (HeldLock lock = HeldLock.table(database(), "public.cairn_history")
						.execute("SET application_name = 'ops-console'")) {
						cairn().status();
					}
				});
		assertThat(ex.getMessage()).contains("status and validate never wait longer", "holds AccessExclusiveLock");
	}

	@Test
	void historyTableLockedAgainstWritersStopsTheMigrationBeforeItsRow() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);");
		cairn().migrate();
		write("000002_b.up.sql", "CREATE TABLE b (id int);");
		CairnException ex = refused("connection-06", "another session holds `EXCLUSIVE` on the history table (reads"
				+ " pass, writes wait); a migration is pending; lock timeout 1 s", () -> {
					try (HeldLock lock = HeldLock.table(database(), "public.cairn_history", HeldLock.Mode.EXCLUSIVE)
						.execute("SET application_name = 'ops-console'")) {
						new Cairn(configure().lockTimeout(SHORT).build()).migrate();
					}
				});
		assertThat(ex.getMessage()).contains("000002_b.up.sql", "Could not write history table",
				"holds ExclusiveLock on it");
	}

}
