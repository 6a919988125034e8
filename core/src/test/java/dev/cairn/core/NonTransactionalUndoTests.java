package dev.cairn.core;


import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cairn.test.Sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A {@code -- cairn:no-transaction} down file that fails: its history row reads {@code undoing}
 * while it runs, and afterwards says what the failure left (src/docs/operations.md, "Down
 * migrations" and "Crash recovery").
 */
class NonTransactionalUndoTests extends MigrationTest {

	@BeforeEach
	void setUp() {
		this.migrations.write("000001_accounts.up.sql", "CREATE TABLE accounts (id int PRIMARY KEY, balance int);")
			.write("000002_balance_index.up.sql", "-- cairn:no-transaction\n"
					+ "CREATE INDEX CONCURRENTLY accounts_balance ON accounts (balance);");
	}

	/** How messages name the down file: with its location. */
	private String downFile() {
		return "filesystem:" + this.folder.resolve("000002_balance_index.down.sql");
	}

	@Test
	void aDownFileFailingAtItsFirstStatementSeesItsRowUndoingAndLeavesTheVersionApplied() {
		// The first statement reports the row's state from inside the run, then fails.
		this.migrations.write("000002_balance_index.down.sql", "-- cairn:no-transaction\n"
				+ "DO $$ BEGIN RAISE EXCEPTION 'row is %',"
				+ " (SELECT state FROM public.cairn_history WHERE version = '2'); END $$;\n"
				+ "DROP INDEX CONCURRENTLY accounts_balance;");
		Cairn cairn = this.migrations.cairn(this.dataSource);
		cairn.migrate();
		assertThatThrownBy(() -> cairn.rollback(1)).isInstanceOfSatisfying(MigrationFailedException.class, (ex) -> {
			assertThat(ex.serverMessage()).isEqualTo("row is undoing");
			assertThat(ex.version()).hasToString("2");
			assertThat(ex.script()).isEqualTo(downFile());
			assertThat(ex.line()).isEqualTo(2);
			assertThat(ex.sqlState()).isEqualTo("P0001");
			assertThat(ex.leftTrace()).isFalse();
			assertThat(ex.getMessage()).startsWith("Undoing version 2 with " + downFile() + " failed at line 2:"
					+ " row is undoing (SQLSTATE P0001)")
				.contains("Its first statement failed, so nothing of it took effect and version 2 stays applied");
		});
		// Restored: applied again, with no error recorded, and the index the up file built is still there.
		assertThat(Sql.column(this.dataSource, "SELECT version || ':' || state || ':' || coalesce(error, '-')"
				+ " FROM cairn_history ORDER BY applied_order")).containsExactly("1:applied:-", "2:applied:-");
		assertThat(Sql.value(this.dataSource, "SELECT to_regclass('public.accounts_balance')")).isEqualTo("accounts_balance");
		assertThat(cairn.status().find(Version.parse("2"))).hasValueSatisfying(
				(info) -> assertThat(info.state()).isEqualTo(MigrationState.APPLIED));
	}

	@Test
	void aDownFileFailingAfterAStatementTookEffectLeavesAFailedRowNamingTheUndo() {
		this.migrations.write("000002_balance_index.down.sql", "-- cairn:no-transaction\n"
				+ "CREATE TABLE seen AS SELECT state FROM public.cairn_history WHERE version = '2';\n"
				+ "DROP INDEX CONCURRENTLY accounts_balance;\n"
				+ "DROP INDEX CONCURRENTLY no_such_index;");
		Cairn cairn = this.migrations.cairn(this.dataSource);
		cairn.migrate();
		assertThatThrownBy(() -> cairn.rollback(1)).isInstanceOfSatisfying(MigrationFailedException.class, (ex) -> {
			assertThat(ex.script()).isEqualTo(downFile());
			assertThat(ex.line()).isEqualTo(4);
			assertThat(ex.sqlState()).isEqualTo("42704");
			assertThat(ex.leftTrace()).isTrue();
			assertThat(ex.getMessage()).startsWith("Undoing version 2 with " + downFile() + " failed at line 4:"
					+ " index \"no_such_index\" does not exist (SQLSTATE 42704)")
				.contains("the statements before the failing one stay applied",
						"history marks version 2 as failed", "run repair");
		});
		// What the first statement saw while the down file ran.
		assertThat(Sql.column(this.dataSource, "SELECT state FROM seen")).containsExactly("undoing");
		assertThat(Sql.column(this.dataSource, "SELECT version || ':' || state || ':' || coalesce(error, '-')"
				+ " FROM cairn_history ORDER BY applied_order")).containsExactly("1:applied:-",
						"2:failed:undo failed: index \"no_such_index\" does not exist");
		assertThat(Sql.value(this.dataSource, "SELECT to_regclass('public.accounts_balance')")).isNull();
		StatusReport status = cairn.status();
		assertThat(status.find(Version.parse("2"))).hasValueSatisfying((info) -> {
			assertThat(info.state()).isEqualTo(MigrationState.FAILED);
			assertThat(info.error()).isEqualTo("undo failed: index \"no_such_index\" does not exist");
		});
		assertThat(status.failedCount()).isEqualTo(1);
		// A failed row refuses further rollbacks until repaired.
		assertThatThrownBy(() -> cairn.rollback(1)).isInstanceOf(CairnException.class);
		assertThat(Migrations.history(this.dataSource)).containsExactly("1:applied", "2:failed");
	}

}
