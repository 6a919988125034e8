package dev.cairn.autoconfigure.endpoint;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.cairn.autoconfigure.CairnAutoConfiguration;
import dev.cairn.autoconfigure.endpoint.MigrationsEndpoint.TrackDescriptor;
import dev.cairn.core.Cairn;
import dev.cairn.test.HeldLock;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint answers, naming what is in the way, when the history table is locked by another
 * session or the database accepts connections and never answers; both with the starter's own
 * connection ({@code cairn.url}) and the default five-minute lock timeout. The timeout only
 * guards the build against a hang.
 */
@Timeout(120)
class MigrationsEndpointStuckDatabaseTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(CairnAutoConfiguration.class, MigrationsEndpointAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=migrations", "cairn.locations=classpath:cairn/ok");

	@Test
	void aLockedHistoryTableIsReportedWithTheSessionHoldingIt() {
		PGSimpleDataSource database = TestDatabase.createDatabase();
		this.contextRunner.withPropertyValues("cairn.url=" + TestDatabase.urlFor(database.getDatabaseName()))
			.run((context) -> {
				context.getBean(Cairn.class).migrate();
				try (HeldLock lock = HeldLock.table(database, "public.cairn_history")
					.execute("SET application_name = 'ops-console'")) {
					TrackDescriptor track = context.getBean(MigrationsEndpoint.class).migrations().tracks().get("default");
					assertThat(track.error()).contains("Could not read the status", "history table",
							"pid " + lock.pid() + " (application 'ops-console')", "holds AccessExclusiveLock on it");
				}
				TrackDescriptor track = context.getBean(MigrationsEndpoint.class).migrations().tracks().get("default");
				assertThat(track.error()).isNull();
				assertThat(track.upToDate()).isTrue();
			});
	}

	@Test
	void aDatabaseThatNeverAnswersIsReportedWithinTheConnectTimeout() throws Exception {
		List<Socket> accepted = new CopyOnWriteArrayList<>();
		try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			Thread acceptor = new Thread(() -> {
				try {
					while (true) {
						accepted.add(server.accept());
					}
				}
				catch (Exception ex) {
					// closed
				}
			});
			acceptor.setDaemon(true);
			acceptor.start();
			this.contextRunner
				.withPropertyValues("cairn.url=jdbc:postgresql://127.0.0.1:" + server.getLocalPort() + "/app",
						"cairn.user=migrator", "cairn.connect-timeout=1s")
				.run((context) -> {
					TrackDescriptor track = context.getBean(MigrationsEndpoint.class).migrations().tracks().get("default");
					assertThat(track.error()).contains("Could not read the status", "no connection within",
							"connect timeout (PT1S)");
				});
		}
		finally {
			for (Socket socket : accepted) {
				socket.close();
			}
		}
	}

}
