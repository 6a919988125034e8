package dev.cairn.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cairn.core.Operation;
import dev.cairn.test.Sql;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The events a run sends its listeners, in order, and listeners that fail.
 */
class ListenerTests extends MigrationTest {

	@BeforeEach
	void setUp() {
		this.migrations.write("000001_a.up.sql", "CREATE TABLE a (id int);")
			.write("000001_a.down.sql", "DROP TABLE a;")
			.write("000002_b.up.sql", "CREATE TABLE b (id int);")
			.write("000002_b.down.sql", "DROP TABLE b;");
	}

	@Test
	void aMigrateRunOfTwoMigrationsSendsItsEventsInOrder() {
		Recorder recorder = new Recorder();
		MigrateResult result = new Cairn(this.migrations.configure(this.dataSource).listener(recorder).build()).migrate();
		assertThat(recorder.events()).containsExactly("runStarted migrate", "lockAcquired", "planned 2 pending 0 applied",
				"migrationStarted 1 (1 of 2)", "migrationApplied 1 (1 of 2)", "migrationStarted 2 (2 of 2)",
				"migrationApplied 2 (2 of 2)", "runFinished migrate succeeded, applied [1, 2]");
		assertThat(recorder.finished.migrateResult()).isEqualTo(result);
	}

	@Test
	void aFailingMigrateRunEndsWithMigrationFailedThenRunFinishedCarryingTheError() {
		this.migrations.write("000002_b.up.sql", "CREATE TABLE b (id int);\nSELECT no_such_column FROM b;");
		Recorder recorder = new Recorder();
		Cairn cairn = new Cairn(this.migrations.configure(this.dataSource).listener(recorder).build());
		MigrationFailedException thrown = (MigrationFailedException) org.assertj.core.api.Assertions
			.catchThrowable(cairn::migrate);
		assertThat(thrown).isNotNull();
		assertThat(recorder.events()).containsExactly("runStarted migrate", "lockAcquired", "planned 2 pending 0 applied",
				"migrationStarted 1 (1 of 2)", "migrationApplied 1 (1 of 2)", "migrationStarted 2 (2 of 2)",
				"migrationFailed 2 42703", "runFinished migrate failed: MigrationFailedException");
		assertThat(recorder.failed.error()).isSameAs(thrown);
		assertThat(recorder.finished.error()).isSameAs(thrown);
		assertThat(recorder.finished.migrateResult()).isNull();
		assertThat(recorder.finished.succeeded()).isFalse();
	}

	@Test
	void aListenerThrowingFromEveryCallbackChangesNothingAndLaterListenersStillHearEverything() {
		Recorder quiet = new Recorder();
		MigrateResult plain = new Cairn(this.migrations.configure(TestDatabase.createDatabase()).listener(quiet).build())
			.migrate();
		Recorder after = new Recorder();
		Cairn cairn = new Cairn(this.migrations.configure(this.dataSource).listener(new Throwing()).listener(after).build());
		MigrateResult result = cairn.migrate();
		assertThat(result.applied()).extracting(AppliedMigration::version)
			.containsExactlyElementsOf(plain.applied().stream().map(AppliedMigration::version).toList());
		assertThat(result.applied()).extracting(AppliedMigration::script)
			.containsExactly("000001_a.up.sql", "000002_b.up.sql");
		assertThat(result.warnings()).isEqualTo(plain.warnings());
		assertThat(Migrations.history(this.dataSource)).containsExactly("1:applied", "2:applied");
		assertThat(after.events()).isEqualTo(quiet.events());
		// Other operations too: status reads, rollback undoes, a failure still surfaces as itself.
		assertThat(cairn.status().isUpToDate()).isTrue();
		assertThat(cairn.rollback(1).undone()).extracting(AppliedMigration::version).containsExactly(Version.parse("2"));
		assertThat(Migrations.history(this.dataSource)).containsExactly("1:applied");
		this.migrations.write("000002_b.up.sql", "CREATE TABLE b (id int);\nSELECT no_such_column FROM b;");
		assertThatThrownBy(cairn::migrate).isInstanceOfSatisfying(MigrationFailedException.class,
				(ex) -> assertThat(ex.sqlState()).isEqualTo("42703"));
		assertThat(Migrations.history(this.dataSource)).containsExactly("1:applied");
		assertThat(Sql.tableExists(this.dataSource, "public.b")).isFalse();
	}

	/** Writes every event down as a line; lock events come from another thread. */
	static final class Recorder implements MigrationListener {

		private final List<String> events = Collections.synchronizedList(new ArrayList<>());

		volatile RunFinished finished;

		volatile MigrationFailed failed;

		List<String> events() {
			synchronized (this.events) {
				return List.copyOf(this.events);
			}
		}

		@Override
		public void runStarted(RunStarted event) {
			this.events.add("runStarted " + event.operation());
		}

		@Override
		public void lockWaiting(LockWaiting event) {
			this.events.add("lockWaiting");
		}

		@Override
		public void lockAcquired(LockAcquired event) {
			this.events.add("lockAcquired");
		}

		@Override
		public void planned(Planned event) {
			this.events.add("planned " + event.pending() + " pending " + event.applied() + " applied");
		}

		@Override
		public void migrationStarted(MigrationStarted event) {
			this.events.add("migrationStarted " + event.version() + " (" + event.index() + " of " + event.total() + ")");
		}

		@Override
		public void migrationApplied(MigrationApplied event) {
			this.events.add("migrationApplied " + event.migration().version() + " (" + event.index() + " of "
					+ event.total() + ")");
		}

		@Override
		public void migrationFailed(MigrationFailed event) {
			this.failed = event;
			this.events.add("migrationFailed " + event.version() + " " + event.error().sqlState());
		}

		@Override
		public void runFinished(RunFinished event) {
			this.finished = event;
			this.events.add("runFinished " + event.operation() + " "
					+ (event.succeeded() ? "succeeded" + ((event.operation() == Operation.MIGRATE)
							? ", applied " + event.migrateResult().applied().stream().map(AppliedMigration::version).toList() : "")
							: "failed: " + event.error().getClass().getSimpleName()));
		}

	}

	/** Fails at every event. */
	static final class Throwing implements MigrationListener {

		@Override
		public void runStarted(RunStarted event) {
			throw new IllegalStateException("runStarted");
		}

		@Override
		public void lockWaiting(LockWaiting event) {
			throw new IllegalStateException("lockWaiting");
		}

		@Override
		public void lockAcquired(LockAcquired event) {
			throw new IllegalStateException("lockAcquired");
		}

		@Override
		public void planned(Planned event) {
			throw new IllegalStateException("planned");
		}

		@Override
		public void migrationStarted(MigrationStarted event) {
			throw new IllegalStateException("migrationStarted");
		}

		@Override
		public void migrationApplied(MigrationApplied event) {
			throw new IllegalStateException("migrationApplied");
		}

		@Override
		public void migrationFailed(MigrationFailed event) {
			throw new IllegalStateException("migrationFailed");
		}

		@Override
		public void runFinished(RunFinished event) {
			throw new IllegalStateException("runFinished");
		}

	}

}
