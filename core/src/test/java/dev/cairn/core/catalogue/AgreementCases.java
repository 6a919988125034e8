package dev.cairn.core.catalogue;

import org.junit.jupiter.api.Test;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.CairnValidationException;
import dev.cairn.core.DryRunResult;
import dev.cairn.core.MigrateResult;
import dev.cairn.core.Problem;
import dev.cairn.core.Version;
import dev.cairn.test.Sql;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inputs on which migrate, status, validate, the dry run and rollback used to disagree: bad down
 * files, another tool's history, a refused run that left a table behind, file and history
 * problems reported one run apart, a dry run that left sequences moved.
 */
abstract class AgreementCases extends CatalogueCases {

	private static final String GOLANG = "CREATE TABLE public.schema_migrations (version bigint PRIMARY KEY, dirty"
			+ " boolean NOT NULL)";

	private void threeWithDowns(String secondDown) {
		write("000001_a.up.sql", "CREATE TABLE a (id int);").write("000001_a.down.sql", "DROP TABLE a;")
			.write("000002_b.up.sql", "CREATE TABLE b (id int); CREATE INDEX b_id ON b (id);")
			.write("000002_b.down.sql", secondDown)
			.write("000003_c.up.sql", "CREATE TABLE c (id int);")
			.write("000003_c.down.sql", "DROP TABLE c;");
	}

	@Test
	void downFileNeedingNoTransactionIsRefusedByRollbackBeforeAnythingIsUndone() {
		threeWithDowns("DROP INDEX CONCURRENTLY b_id;\nDROP TABLE b;");
		cairn().migrate();
		CairnException ex = refused("agreement-01", "rollback 2 with a down file running `DROP INDEX CONCURRENTLY`"
				+ " without `-- cairn:no-transaction`", () -> cairn().rollback(2));
		assertThat(ex.getMessage()).contains("000002_b.down.sql:1", "cairn:no-transaction");
		assertThat(history()).hasSize(3);
	}

	@Test
	void downFileNeedingNoTransactionIsAWarningOfMigrate() {
		threeWithDowns("VACUUM b;\nDROP TABLE b;");
		MigrateResult result = accepted("agreement-02", "a down file running `VACUUM` without"
				+ " `-- cairn:no-transaction`, at migrate", "applied; the down file named in a warning",
				() -> cairn().migrate());
		assertThat(result.warnings()).extracting(Problem::kind).containsExactly(Problem.Kind.INVALID_SCRIPT);
	}

	@Test
	void downFileThatDoesNotParseIsReportedByValidate() {
		threeWithDowns("DROP TABLE b; $$ unterminated");
		cairn().migrate();
		validatedWarning("agreement-03", "a down file with an unterminated `$$`, at validate, nothing pending");
	}

	private void validatedWarning(String id, String input) {
		var result = new Cairn(configure().build()).validate();
		assertThat(result.isValid()).isTrue();
		Problem warning = result.problems().stream().filter((problem) -> !problem.isError()).findFirst().orElseThrow();
		acceptedWith(id, input, "warning: " + warning.message(), "reported by validate(), valid, nothing changed");
	}

	@Test
	void runRefusedByItsPlanCreatesNoHistoryTable() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);")
			.write("000002_idx.up.sql", "CREATE INDEX CONCURRENTLY a_id ON a (id);");
		CairnException ex = refused("agreement-04", "a fresh database and a file needing `-- cairn:no-transaction`"
				+ " (no history table is created)", () -> cairn().migrate());
		assertThat(ex.getMessage()).contains("000002_idx.up.sql:1");
		assertThat(Sql.tableExists(database(), "public.cairn_history")).isFalse();
	}

	@Test
	void refusedTakeoverIsAProblemOfEveryOperation() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);").write("000002_b.up.sql", "CREATE TABLE b (id int);");
		TestDatabase.execute(database(), GOLANG, "INSERT INTO public.schema_migrations VALUES (1, true)");
		assertThat(cairn().status().hasErrors()).isTrue();
		CairnException ex = refused("agreement-05", "golang-migrate's history dirty at version 1 (status and validate"
				+ " report it too)", () -> cairn().migrate());
		assertThat(ex).isInstanceOf(CairnValidationException.class);
		assertThat(ex.getMessage()).contains("version 1 is dirty");
	}

	@Test
	void takeoverWithAPendingFileThatFailsIsRefusedBeforeTheTakeoverIsWritten() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);")
			.write("000002_b.up.sql", "VACUUM a;");
		TestDatabase.execute(database(), "CREATE TABLE a (id int)", GOLANG,
				"INSERT INTO public.schema_migrations VALUES (1, false)");
		CairnException ex = refused("agreement-06", "golang-migrate's history at version 1 and a pending file needing"
				+ " `-- cairn:no-transaction` (nothing is taken over)", () -> cairn().migrate());
		assertThat(ex.getMessage()).contains("000002_b.up.sql:1");
	}

	@Test
	void duplicateFileAndRenamedAppliedFileAreReportedTogether() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);").write("000002_b.up.sql", "CREATE TABLE b (id int);");
		cairn().migrate();
		try {
			java.nio.file.Files.delete(migrations().resolve("000002_b.up.sql"));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		write("000002_bb.up.sql", "CREATE TABLE b (id int);").write("000003_c.up.sql", "CREATE TABLE c (id int);")
			.write("000003_d.up.sql", "CREATE TABLE d (id int);");
		CairnException ex = refused("agreement-07", "two files of version 3 and the applied version 2 renamed, in one"
				+ " run", () -> cairn().migrate());
		assertThat(((CairnValidationException) ex).problems()).extracting(Problem::kind)
			.contains(Problem.Kind.DUPLICATE_VERSION, Problem.Kind.RENAMED);
	}

	@Test
	void dryRunOfAMigrationMovingASequenceLeavesItAsItWas() {
		TestDatabase.execute(database(), "CREATE TABLE t (id serial PRIMARY KEY)",
				"INSERT INTO t SELECT FROM generate_series(1, 10)");
		write("000001_reset.up.sql", "DELETE FROM t; SELECT setval('t_id_seq', 1, false);");
		String before = Sql.value(database(), "SELECT last_value || '/' || is_called FROM t_id_seq");
		DryRunResult result = new Cairn(configure().build()).dryRun();
		assertThat(result.succeeded()).isTrue();
		assertThat(Sql.value(database(), "SELECT last_value || '/' || is_called FROM t_id_seq")).isEqualTo(before);
		acceptedWith("agreement-08", "a dry run of `SELECT setval('t_id_seq', 1, false)`", String.join("; ",
				result.sentences()), "proved; the sequence set back to 10, nothing changed");
	}

	@Test
	void baselineOnMigrateIsPlannedByStatus() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);").write("000002_b.up.sql", "CREATE TABLE b (id int);");
		TestDatabase.execute(database(), "CREATE TABLE a (id int)");
		Cairn cairn = new Cairn(configure().baselineOnMigrate(true).baselineVersion(Version.parse("1")).build());
		assertThat(cairn.status().migrations()).extracting((info) -> info.version() + " " + info.state())
			.containsExactly("1 APPLIED", "2 PENDING");
		accepted("agreement-09", "baseline-on-migrate at version 1 with table `a` existing (status showed the"
				+ " baseline before)", "baseline recorded, version 2 applied", cairn::migrate);
	}

}
