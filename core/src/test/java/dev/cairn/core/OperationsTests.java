package dev.cairn.core;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import dev.cairn.test.SchemaSnapshot;
import dev.cairn.test.SchemaSnapshot.Scope;
import dev.cairn.test.Sql;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rollback, migrate-to, repair, force, baseline, takeover, crash recovery and dry runs
 * against a real PostgreSQL.
 */
class OperationsTests extends MigrationTest {

	// The public schema as the migrations left it, the history table aside.
	private SchemaSnapshot schema() {
		return SchemaSnapshot.of(this.dataSource, Scope.schema("public").excludingTables("cairn_history"));
	}

	private Migrations threeWithDowns() {
		return this.migrations
			.write("000001_customers.up.sql", "CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL);")
			.write("000001_customers.down.sql", "DROP TABLE customers;")
			.write("000002_orders.up.sql",
					"CREATE TABLE orders (id int PRIMARY KEY, customer int REFERENCES customers);\n"
							+ "CREATE INDEX orders_customer ON orders (customer);")
			.write("000002_orders.down.sql", "DROP TABLE orders;")
			.write("000003_email.up.sql", "ALTER TABLE customers ADD COLUMN email text UNIQUE;")
			.write("000003_email.down.sql", "ALTER TABLE customers DROP COLUMN email;");
	}

	@Test
	void rollbackThenMigrateAgainEndsInTheSameSchema() {
		threeWithDowns().cairn(this.dataSource).migrate();
		SchemaSnapshot before = schema();
		RollbackResult result = this.migrations.cairn(this.dataSource).rollback(3);
		assertThat(result.undone()).extracting((undone) -> undone.version().toString()).containsExactly("3", "2", "1");
		assertThat(schema().lines()).isEmpty();
		assertThat(Migrations.history(this.dataSource)).isEmpty();
		this.migrations.cairn(this.dataSource).migrate();
		assertThat(schema()).isEqualTo(before);
	}

	@Test
	void rollbackToKeepsTheTargetApplied() {
		threeWithDowns().cairn(this.dataSource).migrate();
		this.migrations.cairn(this.dataSource).rollbackTo(Version.parse("1"));
		assertThat(Migrations.history(this.dataSource)).containsExactly("1:applied");
		assertThat(Sql.tableExists(this.dataSource, "public.orders")).isFalse();
	}

	@Test
	void rollbackUndoesInAppliedOrderSoAGapAppliedLastIsUndoneFirst() {
		this.migrations.write("1_a.up.sql", "CREATE TABLE a (id int);").write("1_a.down.sql", "DROP TABLE a;")
			.write("3_c.up.sql", "CREATE TABLE c (id int);").write("3_c.down.sql", "DROP TABLE c;");
		this.migrations.cairn(this.dataSource).migrate();
		this.migrations.write("2_b.up.sql", "CREATE TABLE b (id int);").write("2_b.down.sql", "DROP TABLE b;");
		this.migrations.cairn(this.dataSource).migrate();
		StatusReport status = this.migrations.cairn(this.dataSource).status();
		assertThat(status.rollbackOrder()).extracting((info) -> info.version().toString()).containsExactly("2", "3", "1");
		RollbackResult result = this.migrations.cairn(this.dataSource).rollback(1);
		assertThat(result.undone()).extracting((undone) -> undone.version().toString()).containsExactly("2");
		assertThat(Sql.tableExists(this.dataSource, "public.c")).isTrue();
	}

	@Test
	void missingDownFileInTheRangeIsReportedBeforeAnythingRuns() {
		threeWithDowns().delete("000002_orders.down.sql").cairn(this.dataSource).migrate();
		assertThatThrownBy(() -> this.migrations.cairn(this.dataSource).rollback(3))
			.isInstanceOf(CairnValidationException.class)
			.hasMessageContaining("000002_orders.up.sql: version 2 has no down file");
		assertThat(Migrations.history(this.dataSource)).hasSize(3);
		assertThat(Sql.column(this.dataSource, "SELECT column_name FROM information_schema.columns"
				+ " WHERE table_name = 'customers' AND column_name = 'email'")).hasSize(1);
	}

	@Test
	void failingDownFileLeavesItsVersionApplied() {
		this.migrations.write("1_a.up.sql", "CREATE TABLE a (id int);").write("1_a.down.sql", "DROP TABLE nope;");
		this.migrations.cairn(this.dataSource).migrate();
		assertThatThrownBy(() -> this.migrations.cairn(this.dataSource).rollback(1))
			.isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("1_a.down.sql")
			.hasMessageContaining("stays applied");
		assertThat(Migrations.history(this.dataSource)).containsExactly("1:applied");
	}

	@Test
	void nonTransactionalDownFileWorks() {
		this.migrations.write("1_a.up.sql", "CREATE TABLE a (id int);")
			.write("2_index.up.sql", "-- cairn:no-transaction\nCREATE INDEX CONCURRENTLY a_id ON a (id);")
			.write("2_index.down.sql", "-- cairn:no-transaction\nDROP INDEX CONCURRENTLY a_id;");
		this.migrations.cairn(this.dataSource).migrate();
		this.migrations.cairn(this.dataSource).rollback(1);
		assertThat(Sql.column(this.dataSource, "SELECT indexname FROM pg_indexes WHERE tablename = 'a'")).isEmpty();
		assertThat(Migrations.history(this.dataSource)).containsExactly("1:applied");
	}

	@Test
	void migrateToStopsAtTheTarget() {
		threeWithDowns();
		MigrateResult result = this.migrations.cairn(this.dataSource).migrateTo(Version.parse("2"));
		assertThat(result.applied()).hasSize(2);
		assertThat(Migrations.history(this.dataSource)).containsExactly("1:applied", "2:applied");
		assertThatThrownBy(() -> this.migrations.cairn(this.dataSource).migrateTo(Version.parse("7")))
			.isInstanceOf(CairnConfigurationException.class)
			.hasMessageContaining("no migration file has that version");
	}

	@Test
	void repairRemovesFailedRowsAndOnlyAcceptsChangesWhenAsked() {
		this.migrations.write("1_a.up.sql", "CREATE TABLE a (id int);")
			.write("2_b.up.sql", "-- cairn:no-transaction\nCREATE TABLE b (id int);\nCREATE TABLE b (id int);");
		assertThatThrownBy(() -> this.migrations.cairn(this.dataSource).migrate())
			.isInstanceOf(MigrationFailedException.class);
		this.migrations.write("1_a.up.sql", "CREATE TABLE a (id bigint);");
		ChangeReport repair = this.migrations.cairn(this.dataSource).repair(false);
		assertThat(repair.changes()).anySatisfy((change) -> assertThat(change).contains("removed the failed row of version 2"));
		assertThat(Migrations.history(this.dataSource)).containsExactly("1:applied");
		assertThatThrownBy(() -> this.migrations.cairn(this.dataSource).validate().problems().forEach((problem) -> {
			if (problem.isError()) {
				throw new IllegalStateException(problem.message());
			}
		})).hasMessageContaining("changed since it was applied");
		this.migrations.cairn(this.dataSource).repair(true);
		TestDatabase.execute(this.dataSource, "DROP TABLE b");
		this.migrations.write("2_b.up.sql", "CREATE TABLE b (id int);");
		assertThat(this.migrations.cairn(this.dataSource).migrate().applied()).hasSize(1);
	}

	@Test
	void forceRecordsOrRemovesAVersionWithoutRunningIt() {
		this.migrations.write("1_a.up.sql", "CREATE TABLE a (id int);").write("2_b.up.sql", "CREATE TABLE b (id int);");
		Cairn cairn = this.migrations.cairn(this.dataSource);
		cairn.migrateTo(Version.parse("1"));
		assertThat(cairn.force(Version.parse("2"), true).changes()).hasSize(1);
		assertThat(Sql.tableExists(this.dataSource, "public.b")).isFalse();
		assertThat(Sql.column(this.dataSource, "SELECT type FROM cairn_history WHERE version = '2'"))
			.containsExactly("FORCED");
		cairn.force(Version.parse("2"), false);
		assertThat(cairn.migrate().applied()).hasSize(1);
		assertThat(cairn.force(Version.parse("2"), true).changedAnything()).isFalse();
		assertThatThrownBy(() -> cairn.force(Version.parse("9"), true)).hasMessageContaining("no migration file");
	}

	@Test
	void baselineRecordsExistingVersionsWithoutRunningThem() {
		TestDatabase.execute(this.dataSource, "CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL)");
		threeWithDowns();
		ChangeReport baseline = this.migrations.cairn(this.dataSource).baseline(Version.parse("1"));
		assertThat(baseline.changes()).hasSize(1);
		assertThat(Sql.column(this.dataSource, "SELECT version || ':' || type FROM cairn_history"))
			.containsExactly("1:BASELINE");
		assertThat(this.migrations.cairn(this.dataSource).migrate().applied()).hasSize(2);
		assertThatThrownBy(() -> this.migrations.cairn(this.dataSource).baseline(Version.parse("1")))
			.hasMessageContaining("already has 3 rows");
	}

	@Test
	void baselineOnMigrateOnlyActsWhenTheDatabaseHasTables() {
		threeWithDowns();
		Cairn cairn = new Cairn(this.migrations.configure(this.dataSource).baselineOnMigrate(true)
			.baselineVersion(Version.parse("1")).build());
		assertThat(cairn.migrate().applied()).hasSize(3);

		PGSimpleDataSource existing = TestDatabase.createDatabase();
		TestDatabase.execute(existing, "CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL)");
		Cairn onExisting = new Cairn(this.migrations.configure(existing).baselineOnMigrate(true)
			.baselineVersion(Version.parse("1")).build());
		assertThat(onExisting.migrate().applied()).extracting((applied) -> applied.version().toString())
			.containsExactly("2", "3");
	}

	@Test
	void cleanGolangMigrateDatabaseIsTakenOverAndContinues() {
		threeWithDowns();
		TestDatabase.execute(this.dataSource, "CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL)",
				"CREATE TABLE orders (id int PRIMARY KEY, customer int REFERENCES customers)",
				"CREATE INDEX orders_customer ON orders (customer)",
				"CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)",
				"INSERT INTO schema_migrations VALUES (2, false)");
		MigrateResult result = this.migrations.cairn(this.dataSource).migrate();
		assertThat(result.applied()).extracting((applied) -> applied.version().toString()).containsExactly("3");
		assertThat(Sql.column(this.dataSource, "SELECT version || ':' || type FROM cairn_history ORDER BY applied_order"))
			.containsExactly("1:IMPORTED", "2:IMPORTED", "3:SQL");
		assertThat(Sql.value(this.dataSource, "SELECT version || ':' || dirty FROM schema_migrations")).isEqualTo("2:false");
	}

	@Test
	void dirtyGolangMigrateDatabaseIsRefused() {
		threeWithDowns();
		TestDatabase.execute(this.dataSource,
				"CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)",
				"INSERT INTO schema_migrations VALUES (2, true)");
		assertThatThrownBy(() -> this.migrations.cairn(this.dataSource).migrate())
			.isInstanceOf(CairnException.class)
			.hasMessageContaining("version 2 is dirty")
			.hasMessageContaining("force 2");
		assertThat(Sql.tableExists(this.dataSource, "public.cairn_history")).isFalse();
	}

	@Test
	void schemaMigrationsTableOfAnotherShapeIsNotMistakenForGolangMigrate() {
		this.migrations.write("1_a.up.sql", "CREATE TABLE a (id int);");
		TestDatabase.execute(this.dataSource, "CREATE TABLE schema_migrations (version varchar PRIMARY KEY)",
				"INSERT INTO schema_migrations VALUES ('20240101000000')");
		assertThat(this.migrations.cairn(this.dataSource).migrate().applied()).hasSize(1);
	}

	@Test
	void flywayHistoryIsTakenOverAndAFailedRowIsRefused() {
		this.migrations.write("V1__a.sql", "CREATE TABLE a (id int);").write("V2__b.sql", "CREATE TABLE b (id int);")
			.write("V3__c.sql", "CREATE TABLE c (id int);");
		String flyway = "CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY, version varchar(50),"
				+ " description varchar(200) NOT NULL, type varchar(20) NOT NULL, script varchar(1000) NOT NULL,"
				+ " checksum int, installed_by varchar(100) NOT NULL, installed_on timestamp NOT NULL DEFAULT now(),"
				+ " execution_time int NOT NULL, success boolean NOT NULL)";
		TestDatabase.execute(this.dataSource, flyway, "CREATE TABLE a (id int)", "CREATE TABLE b (id int)",
				"INSERT INTO flyway_schema_history VALUES (1, '1', 'a', 'SQL', 'V1__a.sql', 123, 'me', now(), 5, true),"
						+ " (2, '2', 'b', 'SQL', 'V2__b.sql', 456, 'me', now(), 5, true)");
		assertThat(this.migrations.cairn(this.dataSource).migrate().applied()).extracting((a) -> a.version().toString())
			.containsExactly("3");
		assertThat(Sql.value(this.dataSource, "SELECT count(*) FROM flyway_schema_history")).isEqualTo("2");

		PGSimpleDataSource failed = TestDatabase.createDatabase();
		TestDatabase.execute(failed, flyway,
				"INSERT INTO flyway_schema_history VALUES (1, '1', 'a', 'SQL', 'V1__a.sql', 1, 'me', now(), 5, false)");
		assertThatThrownBy(() -> this.migrations.cairn(failed).migrate()).hasMessageContaining("records a failed migration");
	}

	@Test
	void interruptedConcurrentIndexBuildIsNamedThenRecoveredUnderRollbackAndRetry() {
		this.migrations.write("1_a.up.sql", "CREATE TABLE a (id int); INSERT INTO a VALUES (1), (2);")
			.write("2_index.up.sql", "-- cairn:no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY a_id ON a (id);")
			.write("2_index.down.sql", "-- cairn:no-transaction\nDROP INDEX CONCURRENTLY IF EXISTS a_id;");
		this.migrations.cairn(this.dataSource).migrateTo(Version.parse("1"));
		// What a kill -9 in the middle of the build leaves: an invalid index and an in_progress row.
		TestDatabase.execute(this.dataSource, "INSERT INTO a VALUES (1)");
		try {
			TestDatabase.execute(this.dataSource, "CREATE UNIQUE INDEX CONCURRENTLY a_id ON a (id)");
		}
		catch (IllegalStateException expected) {
			// duplicate key: the index stays behind, invalid
		}
		TestDatabase.execute(this.dataSource, "DELETE FROM a WHERE ctid = (SELECT max(ctid) FROM a WHERE id = 1)",
				"INSERT INTO cairn_history (version, description, script, checksum, type, state)"
						+ " VALUES ('2', 'index', '2_index.up.sql', 'x', 'SQL_NO_TRANSACTION', 'in_progress')");
		assertThatThrownBy(() -> this.migrations.cairn(this.dataSource).migrate())
			.isInstanceOf(CairnValidationException.class)
			.hasMessageContaining("invalid indexes: a_id")
			.hasMessageContaining("rollback-and-retry");
		new Cairn(this.migrations.configure(this.dataSource).recoveryPolicy(RecoveryPolicy.ROLLBACK_AND_RETRY).build())
			.migrate();
		assertThat(Sql.value(this.dataSource, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'a_id'::regclass"))
			.isEqualTo("t");
		assertThat(Migrations.history(this.dataSource)).containsExactly("1:applied", "2:applied");
	}

	@Test
	void dryRunLeavesTheDatabaseExactlyAsItWasAndReportsEachMigration() {
		this.migrations.write("1_a.up.sql", "CREATE TABLE a (id int PRIMARY KEY);");
		this.migrations.cairn(this.dataSource).migrate();
		this.migrations.write("2_b.up.sql", "CREATE TABLE b (id int REFERENCES a);")
			.write("3_c.up.sql", "INSERT INTO a VALUES (1);\nSELECT 1/0;")
			.write("4_d.up.sql", "CREATE TABLE d (id int);\nALTER TABLE b ADD COLUMN note text;")
			.write("5_e.up.sql", "-- cairn:no-transaction\nCREATE INDEX CONCURRENTLY d_id ON d (id);");
		SchemaSnapshot catalog = schema();
		List<String> history = Sql.column(this.dataSource, "SELECT row_to_json(h)::text FROM cairn_history h");
		DryRunResult result = this.migrations.cairn(this.dataSource).dryRun();
		assertThat(result.steps()).extracting(DryRunResult.Step::outcome).containsExactly(DryRunResult.Outcome.PROVED,
				DryRunResult.Outcome.FAILED, DryRunResult.Outcome.PROVED, DryRunResult.Outcome.NOT_PROVABLE);
		assertThat(result.steps().get(1).error()).contains("3_c.up.sql:2", "division by zero", "22012");
		assertThat(result.succeeded()).isFalse();
		assertThat(schema()).isEqualTo(catalog);
		assertThat(Sql.column(this.dataSource, "SELECT row_to_json(h)::text FROM cairn_history h")).isEqualTo(history);
	}

}
