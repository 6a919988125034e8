package dev.cairn.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import dev.cairn.test.HeldLock;
import dev.cairn.test.Sql;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A long migration is not silent: its start is logged, and every progress interval a line and a
 * listener event say how long it has run and who holds the lock it waits for.
 */
class ProgressTests extends MigrationTest {

	private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

	@BeforeEach
	void captureLogs() {
		this.logs.start();
		root().addAppender(this.logs);
	}

	@AfterEach
	void releaseLogs() {
		root().detachAppender(this.logs);
	}

	private static Logger root() {
		return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

	private String output() {
		return String.join("\n", this.logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
	}

	@Test
	void aMigrationWaitingForALockReportsWhoHoldsItUntilItIsReleased() throws Exception {
		TestDatabase.execute(this.dataSource, "CREATE TABLE books (id int)");
		this.migrations.write("000001_add_isbn.up.sql", "ALTER TABLE books ADD COLUMN isbn text;");
		List<MigrationListener.MigrationRunning> events = new CopyOnWriteArrayList<>();
		CountDownLatch blockedSeen = new CountDownLatch(1);
		MigrationListener listener = new MigrationListener() {
			@Override
			public void migrationRunning(MigrationRunning event) {
				events.add(event);
				if (!event.blockedBy().isEmpty()) {
					blockedSeen.countDown();
				}
			}
		};
		Cairn cairn = new Cairn(this.migrations.configure(this.dataSource)
			.progressInterval(Duration.ofMillis(200))
			.listeners(List.of(listener))
			.build());
		MigrateResult result;
		int holderPid;
		try (HeldLock holder = HeldLock.table(this.dataSource, "public.books")) {
			holderPid = holder.pid();
			holder.execute("SET application_name = 'report-job'",
					"UPDATE books SET id = id WHERE id = 0 AND 'secret' <> 'password'");
			CompletableFuture<MigrateResult> run = CompletableFuture.supplyAsync(cairn::migrate);
			assertThat(blockedSeen.await(60, TimeUnit.SECONDS)).as("a progress event naming the holder").isTrue();
			holder.close();
			result = run.get(60, TimeUnit.SECONDS);
		}
		assertThat(result.applied()).hasSize(1);
		MigrationListener.MigrationRunning blocked = events.stream()
			.filter((event) -> !event.blockedBy().isEmpty())
			.findFirst()
			.orElseThrow();
		assertThat(blocked.script()).isEqualTo("000001_add_isbn.up.sql");
		assertThat(blocked.waitEvent()).startsWith("Lock");
		BlockingSession holder = blocked.blockedBy().get(0);
		assertThat(holder.session().pid()).isEqualTo(holderPid);
		assertThat(holder.session().applicationName()).isEqualTo("report-job");
		// Only the first words of its statement: the rest may carry literals such as passwords.
		assertThat(holder.statement()).isEqualTo("UPDATE books SET …");
		assertThat(holder.transactionSince()).isNotNull();
		assertThat(output()).contains("Track 'default': applying 000001_add_isbn.up.sql (version 1, 1 of 1)")
			.contains("000001_add_isbn.up.sql (version 1) still running after")
			.contains("waiting on a lock held by pid " + holderPid + " (application 'report-job')")
			.doesNotContain("'secret'");
		// Nothing is reported once the migration has ended.
		int seen = events.size();
		Thread.sleep(600);
		assertThat(events).hasSize(seen);
		assertThat(Sql.value(this.dataSource,
				"SELECT count(*) FROM pg_stat_activity WHERE application_name = 'cairn progress'"
						+ " AND datname = current_database()"))
			.isEqualTo("0");
	}

	@Test
	void aProgressIntervalThatIsNotPositiveIsRefused() {
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> this.migrations.configure(this.dataSource).progressInterval(Duration.ZERO).build())
			.isInstanceOf(CairnConfigurationException.class)
			.hasMessageContaining("progressInterval PT0S is not positive");
	}

}
