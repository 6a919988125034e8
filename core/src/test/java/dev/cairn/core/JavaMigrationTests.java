package dev.cairn.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cairn.test.Sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Java migrations against real PostgreSQL: ordered with SQL files, in one transaction with
 * their history row, refused when they break that transaction, undone, tried in a dry run.
 */
class JavaMigrationTests extends MigrationTest {

	private Cairn cairn(JavaMigration... java) {
		return new Cairn(this.migrations.configure(this.dataSource).javaMigrations(java).build());
	}

	private static void execute(JavaMigrationContext context, String... sql) throws SQLException {
		try (Statement statement = context.connection().createStatement()) {
			for (String each : sql) {
				statement.execute(each);
			}
		}
	}

	@Test
	void aJavaMigrationRunsBetweenSqlFilesByVersionAndIsRecordedAsJava() {
		this.migrations.write("1_create_books.up.sql", "CREATE TABLE books (id int, title text, slug text);")
			.write("1_create_books.down.sql", "DROP TABLE books;")
			.write("3_require_slug.up.sql", "ALTER TABLE books ALTER COLUMN slug SET NOT NULL;");
		MigrateResult result = cairn(new V2__Backfill_slugs()).migrate();
		assertThat(result.applied()).extracting((applied) -> applied.version() + " " + applied.type())
			.containsExactly("1 SQL", "2 JAVA", "3 SQL");
		assertThat(Sql.column(this.dataSource, "SELECT version || ' ' || type || ' ' || script || ' ' || description"
				+ " || ' ' || checksum FROM cairn_history ORDER BY applied_order")).containsExactly(
						"1 SQL 1_create_books.up.sql create books "
								+ Sql.value(this.dataSource, "SELECT checksum FROM cairn_history WHERE version = '1'"),
						"2 JAVA " + V2__Backfill_slugs.class.getName() + " Backfill slugs 1",
						"3 SQL 3_require_slug.up.sql require slug "
								+ Sql.value(this.dataSource, "SELECT checksum FROM cairn_history WHERE version = '3'"));
		assertThat(cairn(new V2__Backfill_slugs()).migrate().isNoOp()).isTrue();
	}

	@Test
	void theDefaultDescriptionIsTheClassNameInWords() {
		assertThat(new BackfillOrderTotals().description()).isEqualTo("Backfill order totals");
		assertThat(new V2__Backfill_slugs().description()).isEqualTo("Backfill slugs");
	}

	@Test
	void aJavaMigrationThatThrowsLeavesNothingAndItsMessageIsMasked() {
		this.migrations.write("1_a.up.sql", "CREATE TABLE a (id int);");
		JavaMigration failing = new Failing("2", (context) -> {
			execute(context, "CREATE TABLE half_done (id int)");
			throw new IllegalStateException("cannot reach jdbc:postgresql://db/app?user=app&password=hunter2");
		});
		assertThatThrownBy(() -> cairn(failing).migrate()).isInstanceOfSatisfying(MigrationFailedException.class,
				(ex) -> {
					assertThat(ex.getMessage()).contains(Failing.class.getName() + " (version 2) failed:",
							"IllegalStateException: cannot reach", "password=***", "Nothing of this migration was applied")
						.doesNotContain("hunter2");
					assertThat(ex.version()).isEqualTo(Version.parse("2"));
					assertThat(String.valueOf(ex.getCause())).doesNotContain("hunter2");
				});
		assertThat(Migrations.history(this.dataSource)).containsExactly("1:applied");
		assertThat(Sql.tableExists(this.dataSource, "public.half_done")).isFalse();
	}

	@Test
	void aMigrationCallingCommitFailsEvenWhenItCatchesTheRefusal() {
		JavaMigration committing = new Failing("1", (context) -> {
			execute(context, "CREATE TABLE t (id int)");
			try {
				context.connection().commit();
			}
			catch (SQLException ex) {
				// carries on as if nothing happened
			}
		});
		assertThatThrownBy(() -> cairn(committing).migrate()).hasMessageContaining("called Connection.commit()")
			.hasMessageContaining("Nothing of this migration was applied");
		assertThat(Sql.tableExists(this.dataSource, "public.t")).isFalse();
		assertThat(Migrations.history(this.dataSource)).isEmpty();
	}

	@Test
	void aMigrationSendingCommitAsSqlIsNotRecorded() {
		JavaMigration committing = new Failing("1", (context) -> execute(context, "CREATE TABLE t (id int)", "COMMIT"));
		assertThatThrownBy(() -> cairn(committing).migrate())
			.hasMessageContaining("ended the transaction it runs in (a COMMIT or ROLLBACK sent as SQL");
		assertThat(Migrations.history(this.dataSource)).isEmpty();
	}

	@Test
	void closingOrSwitchingAutoCommitIsRefused() {
		assertThatThrownBy(() -> cairn(new Failing("1", (context) -> context.connection().close())).migrate())
			.hasMessageContaining("called Connection.close()");
		assertThatThrownBy(() -> cairn(new Failing("1", (context) -> context.connection().setAutoCommit(false))).migrate())
			.hasMessageContaining("called Connection.setAutoCommit(false)");
		assertThatThrownBy(() -> cairn(new Failing("1", (context) -> context.connection().unwrap(Connection.class).close()))
			.migrate()).hasMessageContaining("closed its connection");
		// The run after a closed session works on a fresh one.
		MigrateResult result = cairn(new Failing("1", (context) -> execute(context, "CREATE TABLE t (id int)"))).migrate();
		assertThat(result.applied()).hasSize(1);
		assertThat(Migrations.history(this.dataSource)).containsExactly("1:applied");
	}

	@Test
	void aMigrationCommittingAsSqlAndCarryingOnIsNotRecorded() {
		JavaMigration committing = new Failing("1", (context) -> execute(context, "CREATE TABLE t (id int)", "COMMIT",
				"CREATE TABLE u (id int)"));
		assertThatThrownBy(() -> cairn(committing).migrate())
			.hasMessageContaining("ended the transaction it runs in and started another");
		assertThat(Migrations.history(this.dataSource)).isEmpty();
		assertThat(Sql.tableExists(this.dataSource, "public.u")).isFalse();
	}

	@Test
	void aMigrationThatSwallowsAFailedStatementIsNotRecorded() {
		JavaMigration swallowing = new Failing("1", (context) -> {
			try {
				execute(context, "SELECT * FROM no_such_table");
			}
			catch (SQLException ex) {
				// ignored
			}
		});
		assertThatThrownBy(() -> cairn(swallowing).migrate()).hasMessageContaining("carried on after a statement failed");
		assertThat(Migrations.history(this.dataSource)).isEmpty();
	}

	@Test
	void aSavepointLetsAMigrationRecoverFromAFailedStatement() {
		JavaMigration careful = new Failing("1", (context) -> {
			Connection connection = context.connection();
			execute(context, "CREATE TABLE t (id int PRIMARY KEY)", "INSERT INTO t VALUES (1)");
			java.sql.Savepoint savepoint = connection.setSavepoint();
			try {
				execute(context, "INSERT INTO t VALUES (1)");
			}
			catch (SQLException duplicate) {
				connection.rollback(savepoint);
			}
		});
		cairn(careful).migrate();
		assertThat(Sql.value(this.dataSource, "SELECT count(*) FROM t")).isEqualTo("1");
	}

	@Test
	void sessionChangesAreUndoneAndTheLockCannotBeReleased() {
		this.migrations.write("2_record.up.sql",
				"CREATE TABLE seen AS SELECT current_setting('search_path') AS path, current_user::text AS who;");
		JavaMigration meddling = new Failing("1", (context) -> execute(context, "SET search_path = nowhere",
				"SELECT pg_catalog.pg_advisory_unlock_all()", "SET SESSION statement_timeout = '1s'"));
		cairn(meddling).migrate();
		assertThat(Sql.value(this.dataSource, "SELECT path || ' ' || who FROM seen")).isEqualTo("\"$user\", public postgres");
		assertThat(Migrations.history(this.dataSource)).containsExactly("1:applied", "2:applied");
	}

	@Test
	void statementsLeftOpenAreClosedAndTheirConnectionIsTheGuardedOne() {
		List<Statement> leaked = new ArrayList<>();
		cairn(new Failing("1", (context) -> {
			PreparedStatement statement = context.connection().prepareStatement("SELECT 1");
			leaked.add(statement);
			assertThat(statement.getConnection()).isSameAs(context.connection());
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
			}
		})).migrate();
		assertThat(leaked).allSatisfy((statement) -> assertThat(statement.isClosed()).isTrue());
	}

	@Test
	void aNonTransactionalMigrationCommitsBatchesAndReportsProgress() {
		this.migrations.write("1_create.up.sql", "CREATE TABLE items (id int PRIMARY KEY, done boolean NOT NULL DEFAULT false);"
				+ " INSERT INTO items SELECT g FROM generate_series(1, 1000) g;");
		List<MigrationListener.MigrationProgress> progress = new ArrayList<>();
		MigrationListener listener = new MigrationListener() {
			@Override
			public void migrationProgress(MigrationProgress event) {
				progress.add(event);
			}
		};
		Cairn cairn = new Cairn(this.migrations.configure(this.dataSource)
			.javaMigrations(new BatchedBackfill())
			.listener(listener)
			.build());
		MigrateResult result = cairn.migrate();
		assertThat(result.applied()).extracting(AppliedMigration::type)
			.containsExactly(MigrationType.SQL, MigrationType.JAVA_NO_TRANSACTION);
		assertThat(Sql.value(this.dataSource, "SELECT count(*) FROM items WHERE done")).isEqualTo("1000");
		assertThat(progress).isNotEmpty();
		assertThat(progress.get(progress.size() - 1)).satisfies((last) -> {
			assertThat(last.done()).isEqualTo(1000);
			assertThat(last.total()).isEqualTo(1000);
			assertThat(last.fraction()).isEqualTo(1.0);
			assertThat(last.version()).isEqualTo(Version.parse("2"));
		});
		assertThat(Sql.value(this.dataSource, "SELECT type || ' ' || state FROM cairn_history WHERE version = '2'"))
			.isEqualTo("JAVA_NO_TRANSACTION applied");
	}

	@Test
	void aFailingNonTransactionalMigrationKeepsItsCommittedBatchesAndIsMarkedFailed() {
		this.migrations.write("1_create.up.sql", "CREATE TABLE t (id int);");
		JavaMigration failing = new NonTransactional("2", (context) -> {
			execute(context, "INSERT INTO t VALUES (1)");
			throw new SQLException("batch 2 failed", "22012");
		});
		assertThatThrownBy(() -> cairn(failing).migrate()).isInstanceOfSatisfying(MigrationFailedException.class,
				(ex) -> {
					assertThat(ex.leftTrace()).isTrue();
					assertThat(ex.sqlState()).isEqualTo("22012");
					assertThat(ex.getMessage()).contains("batch 2 failed", "what it committed before failing stays");
				});
		assertThat(Migrations.history(this.dataSource)).containsExactly("1:applied", "2:failed");
		assertThat(Sql.value(this.dataSource, "SELECT count(*) FROM t")).isEqualTo("1");
		assertThatThrownBy(() -> cairn(failing).migrate()).isInstanceOf(CairnValidationException.class)
			.hasMessageContaining("failed part-way");
	}

	@Test
	void anInterruptedNonTransactionalMigrationIsUndoneAndRunAgainUnderRollbackAndRetry() {
		this.migrations.write("1_create.up.sql", "CREATE TABLE items (id int PRIMARY KEY, done boolean NOT NULL DEFAULT false);"
				+ " INSERT INTO items SELECT g FROM generate_series(1, 300) g;");
		this.migrations.cairn(this.dataSource).migrate();
		// A run killed half-way: some rows done, its row left in progress.
		Sql.column(this.dataSource, "UPDATE items SET done = true WHERE id <= 120 RETURNING id");
		Sql.column(this.dataSource, "INSERT INTO cairn_history (version, description, script, checksum, type, state)"
				+ " VALUES ('2', 'Undoable backfill', '" + UndoableBackfill.class.getName()
				+ "', '1', 'JAVA_NO_TRANSACTION', 'in_progress') RETURNING version");
		assertThatThrownBy(() -> cairn(new UndoableBackfill()).migrate()).isInstanceOf(CairnValidationException.class)
			.hasMessageContaining("was interrupted while running without a transaction");
		UndoableBackfill backfill = new UndoableBackfill();
		Cairn retrying = new Cairn(this.migrations.configure(this.dataSource)
			.recoveryPolicy(RecoveryPolicy.ROLLBACK_AND_RETRY)
			.javaMigrations(backfill)
			.build());
		assertThat(retrying.migrate().applied()).extracting((applied) -> applied.version().toString())
			.containsExactly("2");
		assertThat(backfill.undone).isEqualTo(120);
		assertThat(Sql.value(this.dataSource, "SELECT count(*) FROM items WHERE done")).isEqualTo("300");
		assertThat(Migrations.history(this.dataSource)).containsExactly("1:applied", "2:applied");
	}

	@Test
	void aNonTransactionalMigrationLeavingATransactionOpenFails() {
		this.migrations.write("1_create.up.sql", "CREATE TABLE t (id int);");
		JavaMigration open = new NonTransactional("2", (context) -> {
			context.connection().setAutoCommit(false);
			execute(context, "INSERT INTO t VALUES (1)");
		});
		assertThatThrownBy(() -> cairn(open).migrate()).hasMessageContaining("left a transaction open");
		assertThat(Sql.value(this.dataSource, "SELECT count(*) FROM t")).isEqualTo("0");
	}

	@Test
	void rollbackCallsUndo() {
		this.migrations.write("1_create.up.sql", "CREATE TABLE t (id int);").write("1_create.down.sql", "DROP TABLE t;");
		Cairn cairn = cairn(new Undoable());
		cairn.migrate();
		RollbackResult result = cairn.rollback(1);
		assertThat(result.undone()).extracting((undone) -> undone.version() + " " + undone.script())
			.containsExactly("2 " + Undoable.class.getName() + ".undo");
		assertThat(Migrations.history(this.dataSource)).containsExactly("1:applied");
		assertThat(Sql.value(this.dataSource, "SELECT count(*) FROM t")).isEqualTo("0");
		assertThat(cairn.migrate().applied()).hasSize(1);
	}

	@Test
	void rollbackRefusesAJavaMigrationWithoutUndo() {
		this.migrations.write("1_create.up.sql", "CREATE TABLE t (id int);").write("1_create.down.sql", "DROP TABLE t;");
		Cairn cairn = cairn(new Failing("2", (context) -> execute(context, "INSERT INTO t VALUES (2)")));
		cairn.migrate();
		assertThatThrownBy(() -> cairn.rollback(2)).isInstanceOf(CairnValidationException.class)
			.hasMessageContaining("version 2 is a Java migration without undo (its undoable() returns false)")
			.hasMessageContaining("implement undo()");
		assertThat(Migrations.history(this.dataSource)).containsExactly("1:applied", "2:applied");
	}

	@Test
	void aDryRunRunsTheMigrationAndRollsItBack() {
		this.migrations.write("1_create.up.sql", "CREATE TABLE t (id int);");
		List<Boolean> dryRun = new ArrayList<>();
		DryRunResult result = cairn(new Failing("2", (context) -> {
			dryRun.add(context.dryRun());
			execute(context, "INSERT INTO t VALUES (2)");
		}), new Failing("3", (context) -> {
			throw new IllegalArgumentException("no good");
		})).dryRun();
		assertThat(result.steps()).extracting(DryRunResult.Step::outcome)
			.containsExactly(DryRunResult.Outcome.PROVED, DryRunResult.Outcome.PROVED, DryRunResult.Outcome.FAILED);
		assertThat(result.steps().get(2).error()).contains("IllegalArgumentException: no good");
		assertThat(dryRun).containsExactly(true);
		assertThat(Sql.tableExists(this.dataSource, "public.t")).isFalse();
	}

	@Test
	void aDryRunReportsANonTransactionalJavaMigrationAsNotProvableAndUsesSavepointsInTheOthers() {
		this.migrations.write("1_create.up.sql", "CREATE TABLE t (id int PRIMARY KEY);");
		DryRunResult result = cairn(new NonTransactional("2", (context) -> execute(context, "INSERT INTO t VALUES (2)")),
				new Failing("3", (context) -> {
					java.sql.Savepoint savepoint = context.connection().setSavepoint();
					execute(context, "INSERT INTO t VALUES (3)");
					context.connection().rollback(savepoint);
				})).dryRun();
		assertThat(result.steps()).extracting(DryRunResult.Step::outcome)
			.containsExactly(DryRunResult.Outcome.PROVED, DryRunResult.Outcome.NOT_PROVABLE, DryRunResult.Outcome.PROVED);
		assertThat(Sql.tableExists(this.dataSource, "public.t")).isFalse();
		assertThat(Sql.tableExists(this.dataSource, "public.cairn_history")).isFalse();
	}

	@Test
	void aJavaMigrationEndingTheDryRunsTransactionStopsItAndSaysSo() {
		this.migrations.write("1_a.up.sql", "SELECT 1;");
		assertThatThrownBy(() -> cairn(new Failing("2", (context) -> execute(context, "COMMIT"))).dryRun())
			.isInstanceOf(CairnException.class)
			.hasMessageContaining("the dry run stopped at Java migration")
			.hasMessageContaining("ended the transaction it runs in");
		// The session it ran on is clean: a real run afterwards works.
		assertThat(cairn(new Failing("2", (context) -> execute(context, "SELECT 1"))).migrate().applied()).hasSize(2);
	}

	@Test
	void bumpingTheChecksumIsDriftAndMovingTheClassIsARename() {
		cairn(new Revisable("1")).migrate();
		assertThat(cairn(new Revisable("1")).migrate().isNoOp()).isTrue();
		assertThatThrownBy(() -> cairn(new Revisable("2")).migrate()).isInstanceOf(CairnValidationException.class)
			.hasMessageContaining("Java migration " + Revisable.class.getName() + ": changed since it was applied")
			.hasMessageContaining("checksum 1 then, 2 now");
		cairn(new Revisable("2")).repair(true);
		assertThat(cairn(new Revisable("2")).migrate().isNoOp()).isTrue();
		assertThat(Sql.value(this.dataSource, "SELECT checksum FROM cairn_history")).isEqualTo("2");
		assertThatThrownBy(() -> cairn(new Failing("1", (context) -> {
		})).migrate()).isInstanceOf(CairnValidationException.class).hasMessageContaining("was applied as "
				+ Revisable.class.getName());
	}

	@Test
	void migrateByStepsAppliesOnlyTheNextPending() {
		this.migrations.write("1_a.up.sql", "CREATE TABLE a (id int);").write("3_c.up.sql", "CREATE TABLE c (id int);");
		Cairn cairn = cairn(new Failing("2", (context) -> execute(context, "CREATE TABLE b (id int)")));
		assertThat(cairn.migrate(2).applied()).extracting((applied) -> applied.version().toString())
			.containsExactly("1", "2");
		assertThat(cairn.status().pendingCount()).isEqualTo(1);
		assertThat(cairn.migrate(5).applied()).extracting((applied) -> applied.version().toString()).containsExactly("3");
		assertThat(cairn.migrate(1).isNoOp()).isTrue();
		assertThatThrownBy(() -> cairn.migrate(0)).isInstanceOf(CairnConfigurationException.class)
			.hasMessageContaining("at least 1");
	}

	@Test
	void statusShowsJavaMigrationsWithTheirType() {
		this.migrations.write("1_a.up.sql", "CREATE TABLE a (id int);");
		Cairn cairn = cairn(new Failing("2", (context) -> execute(context, "INSERT INTO a VALUES (1)")));
		assertThat(cairn.status().migrations()).extracting((info) -> info.version() + " " + info.type() + " " + info.state())
			.containsExactly("1 SQL PENDING", "2 JAVA PENDING");
		cairn.migrate();
		assertThat(cairn.status().migrations()).extracting((info) -> info.version() + " " + info.type() + " " + info.state())
			.containsExactly("1 SQL APPLIED", "2 JAVA APPLIED");
	}

	/** Fills in a slug for every book, between the file creating the column and the one requiring it. */
	static final class V2__Backfill_slugs implements JavaMigration {

		@Override
		public String version() {
			return "2";
		}

		@Override
		public void migrate(JavaMigrationContext context) throws SQLException {
			execute(context, "INSERT INTO books VALUES (1, 'Dune', NULL)",
					"UPDATE books SET slug = lower(replace(title, ' ', '-'))");
		}

	}

	static final class BackfillOrderTotals implements JavaMigration {

		@Override
		public String version() {
			return "9";
		}

		@Override
		public void migrate(JavaMigrationContext context) {
		}

	}

	interface Body {

		void run(JavaMigrationContext context) throws Exception;

	}

	/** A migration whose body a test gives. */
	static class Failing implements JavaMigration {

		private final String version;

		private final Body body;

		Failing(String version, Body body) {
			this.version = version;
			this.body = body;
		}

		@Override
		public String version() {
			return this.version;
		}

		@Override
		public void migrate(JavaMigrationContext context) throws Exception {
			this.body.run(context);
		}

	}

	static final class NonTransactional extends Failing {

		NonTransactional(String version, Body body) {
			super(version, body);
		}

		@Override
		public boolean transactional() {
			return false;
		}

	}

	static final class Revisable implements JavaMigration {

		private final String checksum;

		Revisable(String checksum) {
			this.checksum = checksum;
		}

		@Override
		public String version() {
			return "1";
		}

		@Override
		public String checksum() {
			return this.checksum;
		}

		@Override
		public void migrate(JavaMigrationContext context) {
		}

	}

	/** Marks every item done in batches of 100, each committed, reporting progress per batch. */
	static final class BatchedBackfill implements JavaMigration {

		@Override
		public String version() {
			return "2";
		}

		@Override
		public boolean transactional() {
			return false;
		}

		@Override
		public void migrate(JavaMigrationContext context) throws SQLException {
			Connection connection = context.connection();
			long total;
			try (Statement count = connection.createStatement(); ResultSet rows = count.executeQuery(
					"SELECT count(*) FROM items WHERE NOT done")) {
				rows.next();
				total = rows.getLong(1);
			}
			connection.setAutoCommit(false);
			long done = 0;
			try (PreparedStatement batch = connection.prepareStatement("UPDATE items SET done = true WHERE id IN"
					+ " (SELECT id FROM items WHERE NOT done ORDER BY id LIMIT 100)")) {
				int updated;
				while ((updated = batch.executeUpdate()) > 0) {
					connection.commit();
					done += updated;
					context.progress(done, total);
				}
			}
			connection.setAutoCommit(true);
		}

	}

	/** Marks every item done; its undo marks them all not done again. */
	static final class UndoableBackfill implements JavaMigration {

		int undone = -1;

		@Override
		public String version() {
			return "2";
		}

		@Override
		public boolean transactional() {
			return false;
		}

		@Override
		public void migrate(JavaMigrationContext context) throws SQLException {
			execute(context, "UPDATE items SET done = true WHERE NOT done");
		}

		@Override
		public boolean undoable() {
			return true;
		}

		@Override
		public void undo(JavaMigrationContext context) throws SQLException {
			try (Statement statement = context.connection().createStatement()) {
				this.undone = statement.executeUpdate("UPDATE items SET done = false WHERE done");
			}
		}

	}

	static final class Undoable implements JavaMigration {

		@Override
		public String version() {
			return "2";
		}

		@Override
		public void migrate(JavaMigrationContext context) throws SQLException {
			execute(context, "INSERT INTO t VALUES (2)");
		}

		@Override
		public boolean undoable() {
			return true;
		}

		@Override
		public void undo(JavaMigrationContext context) throws SQLException {
			execute(context, "DELETE FROM t WHERE id = 2");
		}

	}

}
