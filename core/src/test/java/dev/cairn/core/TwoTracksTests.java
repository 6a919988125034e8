package dev.cairn.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import dev.cairn.core.internal.lock.AdvisoryLock;
import dev.cairn.test.Sql;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two engines, each with its own history table and migrations, in one database.
 */
class TwoTracksTests {

	@TempDir
	Path folder;

	private Migrations orders;

	private Migrations billing;

	private PGSimpleDataSource dataSource;

	@BeforeEach
	void setUp() throws Exception {
		this.orders = new Migrations(Files.createDirectories(this.folder.resolve("orders")));
		this.billing = new Migrations(Files.createDirectories(this.folder.resolve("billing")));
		this.dataSource = TestDatabase.createDatabase();
		this.orders.write("000001_orders.up.sql", "CREATE TABLE orders (id int PRIMARY KEY);")
			.write("000002_order_lines.up.sql", "CREATE TABLE order_lines (order_id int REFERENCES orders);");
		this.billing.write("000001_invoices.up.sql", "CREATE TABLE invoices (id int PRIMARY KEY);")
			.write("000005_payments.up.sql", "CREATE TABLE payments (invoice int REFERENCES invoices);")
			.write("000007_refunds.up.sql", "CREATE TABLE refunds (id int);");
	}

	private CairnConfiguration.Builder orders() {
		return this.orders.configure(this.dataSource).track("orders").table("orders_history");
	}

	private CairnConfiguration.Builder billing() {
		return this.billing.configure(this.dataSource).track("billing").table("billing_history");
	}

	@Test
	void eachEngineAppliesItsOwnSeriesIntoItsOwnHistoryTable() {
		assertThat(new Cairn(orders().build()).migrate().applied()).extracting(AppliedMigration::script)
			.containsExactly("000001_orders.up.sql", "000002_order_lines.up.sql");
		assertThat(new Cairn(billing().build()).migrate().applied()).extracting(AppliedMigration::script)
			.containsExactly("000001_invoices.up.sql", "000005_payments.up.sql", "000007_refunds.up.sql");
		assertThat(Sql.column(this.dataSource, "SELECT version || ' ' || script FROM orders_history ORDER BY applied_order"))
			.containsExactly("1 000001_orders.up.sql", "2 000002_order_lines.up.sql");
		assertThat(Sql.column(this.dataSource, "SELECT version || ' ' || script FROM billing_history ORDER BY applied_order"))
			.containsExactly("1 000001_invoices.up.sql", "5 000005_payments.up.sql", "7 000007_refunds.up.sql");
		assertThat(Sql.tableExists(this.dataSource, "public.cairn_history")).isFalse();
		// Neither sees the other's versions as unknown or future: both are up to date, nothing is a problem.
		StatusReport orders = new Cairn(orders().build()).status();
		StatusReport billing = new Cairn(billing().build()).status();
		assertThat(orders.isUpToDate()).isTrue();
		assertThat(orders.migrations()).hasSize(2);
		assertThat(billing.isUpToDate()).isTrue();
		assertThat(billing.migrations()).hasSize(3);
		assertThat(new Cairn(orders().build()).migrate().isNoOp()).isTrue();
		assertThat(new Cairn(billing().build()).migrate().isNoOp()).isTrue();
	}

	@Test
	void oneEngineHoldingItsLockDoesNotBlockTheOther() throws Exception {
		assertThat(AdvisoryLock.objectId("\"public\".\"orders_history\""))
			.isNotEqualTo(AdvisoryLock.objectId("\"public\".\"billing_history\""));
		CountDownLatch inMigration = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		MigrationListener blocking = new MigrationListener() {
			@Override
			public void migrationStarted(MigrationStarted event) {
				inMigration.countDown();
				try {
					release.await(60, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		};
		CompletableFuture<MigrateResult> ordersRun = CompletableFuture
			.supplyAsync(() -> new Cairn(orders().listener(blocking).build()).migrate());
		try {
			assertThat(inMigration.await(60, TimeUnit.SECONDS)).isTrue();
			// The orders engine holds its lock now: its own track cannot take it...
			assertThat(Sql.value(this.dataSource, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
					+ " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
					+ " AND classid = " + 0x43414952 + "::bigint::oid AND objid = " + AdvisoryLock.objectId("\"public\".\"orders_history\"") + "::bigint::oid"))
				.isEqualTo("1");
			assertThatThrownBy(new Cairn(orders().lockTimeout(Duration.ZERO).build())::migrate)
				.isInstanceOf(LockTimeoutException.class);
			// ...while the billing engine never waits and applies everything.
			ListenerTests.Recorder billingEvents = new ListenerTests.Recorder();
			MigrateResult billingResult = new Cairn(billing().lockTimeout(Duration.ZERO).listener(billingEvents).build())
				.migrate();
			assertThat(billingResult.applied()).hasSize(3);
			assertThat(billingEvents.events()).doesNotContain("lockWaiting").contains("lockAcquired");
			assertThat(ordersRun).isNotDone();
		}
		finally {
			release.countDown();
		}
		assertThat(ordersRun.get(60, TimeUnit.SECONDS).applied()).hasSize(2);
		assertThat(Sql.column(this.dataSource, "SELECT version FROM orders_history ORDER BY applied_order"))
			.containsExactly("1", "2");
		assertThat(Sql.column(this.dataSource, "SELECT version FROM billing_history ORDER BY applied_order"))
			.containsExactly("1", "5", "7");
	}

}
