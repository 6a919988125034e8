package dev.cairn.core.faults;

import dev.cairn.test.Sql;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.CairnException;
import dev.cairn.core.MigrateResult;
import dev.cairn.core.MigrationFailedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The database server restarts in the middle of a run, or is not up yet when a run starts.
 * Uses a server of its own, never the shared one.
 */
class ServerRestartTests {

	@TempDir
	Path folder;

	private OwnServer server;

	@BeforeEach
	void startServer() throws Exception {
		this.server = OwnServer.create().orElse(null);
		assumeTrue(this.server != null, "needs PostgreSQL binaries in /usr/lib/postgresql or a non-root user");
	}

	@AfterEach
	void stopServer() throws Exception {
		if (this.server != null) {
			this.server.close();
		}
	}

	private Cairn cairn(PGSimpleDataSource dataSource, Duration connectTimeout) {
		return new Cairn(CairnConfiguration.builder()
			.dataSource(dataSource)
			.locations("filesystem:" + this.folder)
			.connectTimeout(connectTimeout)
			.build());
	}

	@Test
	void restartInTheMiddleOfARunFailsItCleanlyAndTheNextRunCompletes() throws Exception {
		Faults.write(this.folder, "1_a.up.sql", "CREATE TABLE a (id int);");
		Faults.write(this.folder, "2_b.up.sql", "CREATE TABLE b (id int);\nSELECT pg_sleep(20) /* restart */;");
		PGSimpleDataSource dataSource = this.server.dataSource();
		CompletableFuture<Throwable> run = CompletableFuture
			.supplyAsync(() -> catchThrowable(cairn(dataSource, Duration.ZERO)::migrate));
		for (int i = 0; i < 200 && Sql.column(dataSource,
				"SELECT pid FROM pg_stat_activity WHERE query LIKE '%restart */%' AND pid <> pg_backend_pid()").isEmpty(); i++) {
			Thread.sleep(50);
		}
		this.server.stop();
		this.server.start();
		assertThat(run.get(60, TimeUnit.SECONDS)).isInstanceOfSatisfying(MigrationFailedException.class,
				(ex) -> assertThat(ex.getMessage()).contains("2_b.up.sql", "connection to the database was lost"));
		assertThat(Faults.history(dataSource)).containsExactly("1:applied");
		Faults.write(this.folder, "2_b.up.sql", "CREATE TABLE b (id int);\nSELECT pg_sleep(0.1) /* restart */;");
		MigrateResult next = cairn(dataSource, Duration.ZERO).migrate();
		assertThat(next.applied()).hasSize(1);
		assertThat(Faults.history(dataSource)).containsExactly("1:applied", "2:applied");
	}

	@Test
	void serverThatComesUpAFewSecondsLaterIsWaitedFor() throws Exception {
		Faults.write(this.folder, "1_a.up.sql", "CREATE TABLE a (id int);");
		PGSimpleDataSource dataSource = this.server.dataSource();
		this.server.stop();
		CompletableFuture<MigrateResult> run = CompletableFuture
			.supplyAsync(() -> cairn(dataSource, Duration.ofSeconds(60)).migrate());
		Thread.sleep(3000);
		this.server.start();
		assertThat(run.get(90, TimeUnit.SECONDS).applied()).hasSize(1);
	}

	@Test
	void unreachableServerFailsAfterTheConnectTimeoutSayingWhatWasTried() throws Exception {
		Faults.write(this.folder, "1_a.up.sql", "CREATE TABLE a (id int);");
		PGSimpleDataSource dataSource = this.server.dataSource();
		this.server.stop();
		assertThatThrownBy(() -> cairn(dataSource, Duration.ofSeconds(2)).migrate())
			.isInstanceOf(CairnException.class)
			.hasMessageContaining("cannot connect to the database after")
			.hasMessageContaining("attempts over")
			.hasMessageContaining("connect timeout (PT2S)");
		this.server.start();
	}

}
