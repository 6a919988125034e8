package dev.cairn.core.catalogue;

import org.junit.jupiter.api.Test;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.CairnConfigurationException;
import dev.cairn.core.CairnException;
import dev.cairn.core.CairnValidationException;
import dev.cairn.core.Problem;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history table: someone else's table of that name, rows a newer Cairn wrote, rows edited
 * by hand.
 */
abstract class HistoryCases extends CatalogueCases {

	private static final String STATE_CHECK = "ALTER TABLE public.cairn_history DROP CONSTRAINT"
			+ " cairn_history_state_check";

	/** Two migrations applied, so history has rows to break. */
	private void applied() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);").write("000002_b.up.sql", "CREATE TABLE b (id int);");
		cairn().migrate();
	}

	@Test
	void tableOfTheSameNameWithAnotherShapeIsRefused() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);");
		TestDatabase.execute(database(), "CREATE TABLE public.cairn_history (id serial PRIMARY KEY, note text)",
				"INSERT INTO public.cairn_history (note) VALUES ('the ops team keeps notes here')");
		CairnException ex = refused("history-01", "a table `cairn_history(id, note)` that is not Cairn's",
				() -> cairn().migrate());
		assertThat(ex.getMessage()).contains("\"public\".\"cairn_history\"", "is not a Cairn history table",
				"configure a different table name");
	}

	@Test
	void golangMigrateTableConfiguredAsCairnsOwnIsRefused() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);");
		TestDatabase.execute(database(), "CREATE TABLE public.schema_migrations (version bigint PRIMARY KEY, dirty"
				+ " boolean NOT NULL)", "INSERT INTO public.schema_migrations VALUES (1, false)");
		CairnException ex = refused("history-02", "table `schema_migrations` configured as Cairn's history (it is"
				+ " golang-migrate's)", () -> new Cairn(configure().table("schema_migrations").build()).migrate());
		assertThat(ex.getMessage()).contains("\"public\".\"schema_migrations\"", "is not a Cairn history table");
	}

	@Test
	void rowWithAStateFromANewerCairnIsRefused() {
		applied();
		TestDatabase.execute(database(), STATE_CHECK,
				"UPDATE public.cairn_history SET state = 'verified', cairn_version = '9.0.0' WHERE version = '2'");
		write("000003_c.up.sql", "CREATE TABLE c (id int);");
		CairnException ex = refused("history-03", "a row in state `verified` written by Cairn 9.0.0",
				() -> cairn().migrate());
		assertThat(ex.getMessage()).contains("version 2", "'verified'", "Cairn 9.0.0", "upgrade Cairn or correct the row");
	}

	@Test
	void rowWithAStateFromANewerCairnWhoseFileIsGoneIsRefused() {
		applied();
		TestDatabase.execute(database(), STATE_CHECK, "INSERT INTO public.cairn_history (version, description, script,"
				+ " checksum, type, state, cairn_version) VALUES ('3', 'c', '000003_c.up.sql', 'x', 'SQL', 'verified',"
				+ " '9.0.0')");
		CairnException ex = refused("history-04", "a row in state `verified` (Cairn 9.0.0) for a version with no file",
				() -> cairn().migrate());
		assertThat(ex.getMessage()).contains("000003_c.up.sql", "verified", "restore the file");
	}

	@Test
	void rowWhoseVersionNoLongerParsesIsRefused() {
		applied();
		TestDatabase.execute(database(), "UPDATE public.cairn_history SET version = '2-hotfix' WHERE version = '2'");
		CairnException ex = refused("history-05", "a row with version `2-hotfix` (edited by hand)",
				() -> cairn().migrate());
		assertThat(ex).isInstanceOfSatisfying(CairnValidationException.class,
				(validation) -> assertThat(validation.problems()).extracting(Problem::kind)
					.contains(Problem.Kind.INVALID_HISTORY_ROW));
		assertThat(ex.getMessage()).contains("'2-hotfix'", "000002_b.up.sql", "correct or delete that row");
	}

	@Test
	void rowWithAnEmptyVersionIsRefused() {
		applied();
		TestDatabase.execute(database(), "UPDATE public.cairn_history SET version = '' WHERE version = '2'");
		CairnException ex = refused("history-06", "a row with an empty version", () -> cairn().migrate());
		assertThat(ex.getMessage()).contains("version ''", "the version is empty", "correct or delete that row");
	}

	@Test
	void twoRowsForOneVersionAreRefused() {
		applied();
		TestDatabase.execute(database(), "INSERT INTO public.cairn_history (version, description, script, checksum,"
				+ " type, state) SELECT '02', description, script, checksum, type, state FROM public.cairn_history"
				+ " WHERE version = '2'");
		CairnException ex = refused("history-07", "rows `2` and `02`: one version recorded twice",
				() -> cairn().migrate());
		assertThat(ex.getMessage()).contains("'2'", "'02'", "version 2");
	}

	@Test
	void rowWithATypeFromANewerCairnIsAccepted() {
		applied();
		TestDatabase.execute(database(),
				"UPDATE public.cairn_history SET type = 'JAVA', cairn_version = '9.0.0' WHERE version = '2'");
		write("000003_c.up.sql", "CREATE TABLE c (id int);");
		accepted("history-08", "an applied row of type `JAVA` written by Cairn 9.0.0",
				"accepted; the row counts as applied", () -> cairn().migrate());
		assertThat(history()).containsExactly("1 applied 000001_a.up.sql", "2 applied 000002_b.up.sql",
				"3 applied 000003_c.up.sql");
	}

	@Test
	void extraColumnAddedByANewerCairnIsAccepted() {
		applied();
		TestDatabase.execute(database(), "ALTER TABLE public.cairn_history ADD COLUMN reviewed_by text");
		write("000003_c.up.sql", "CREATE TABLE c (id int);");
		accepted("history-09", "history with an extra nullable column `reviewed_by` (a newer Cairn's)",
				"accepted; the column is left alone", () -> cairn().migrate());
		assertThat(history()).hasSize(3);
	}

	@Test
	void handMadeHistoryWithNullsIsRefused() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);");
		TestDatabase.execute(database(), """
				CREATE TABLE public.cairn_history (version text, description text, script text, checksum text,
					type text, state text, applied_at timestamptz, applied_by text, execution_ms bigint,
					applied_order bigint, cairn_version text, error text)""",
				"INSERT INTO public.cairn_history (version, description, script, type, state) VALUES ('1', 'a',"
						+ " '000001_a.up.sql', 'SQL', 'applied')");
		CairnException ex = refused("history-10", "a hand-made history table whose row has no `applied_at`",
				() -> cairn().migrate());
		assertThat(ex.getMessage()).contains("\"public\".\"cairn_history\"", "applied_at");
	}

	@Test
	void historyTheUserMayNotReadIsRefused() {
		applied();
		String role = createRole("blind");
		TestDatabase.execute(database(), "GRANT CREATE ON SCHEMA public TO " + role);
		CairnException ex = refused("history-11", "history owned by another role, no SELECT for the migration user",
				() -> new Cairn(configure(connectAs(role)).build()).migrate());
		assertThat(ex.getMessage()).contains("Cannot read history table \"public\".\"cairn_history\"",
				"permission denied", "may read it");
	}

	/** Migrated with Cairn's default names, so that a case variant of them has a history to be confused with. */
	private void appliedUnder(CairnConfiguration.Builder configuration) {
		write("000001_a.up.sql", "CREATE TABLE a (id int);").write("000002_seed.up.sql", "INSERT INTO a VALUES (1);");
		new Cairn(configuration.build()).migrate();
	}

	@Test
	void schemaThatDiffersOnlyInCaseFromTheExistingHistoryIsRefused() {
		appliedUnder(configure());
		CairnException ex = refused("history-12", "`schema(\"Public\")` against a database migrated with `public`",
				() -> new Cairn(configure().schema("Public").build()).migrate());
		assertThat(ex).isInstanceOf(CairnConfigurationException.class);
		assertThat(ex.getMessage()).contains("\"Public\".\"cairn_history\" does not exist, but"
				+ " \"public\".\"cairn_history\" does");
	}

	@Test
	void tableThatDiffersOnlyInCaseFromTheExistingHistoryIsRefusedByStatus() {
		appliedUnder(configure());
		CairnException ex = refused("history-13", "`table(\"Cairn_History\")` against `cairn_history`, asked by"
				+ " `status()`", () -> new Cairn(configure().table("Cairn_History").build()).status());
		assertThat(ex.getMessage()).contains("differ only in case");
	}

	@Test
	void schemaAndTableThatDifferOnlyInCaseAreRefusedByValidate() {
		appliedUnder(configure());
		CairnException ex = refused("history-14", "`schema(\"PUBLIC\").table(\"CAIRN_HISTORY\")`, asked by"
				+ " `validate()`", () -> new Cairn(configure().schema("PUBLIC").table("CAIRN_HISTORY").build()).validate());
		assertThat(ex.getMessage()).contains("differ only in case");
	}

	@Test
	void lowerCaseSchemaAgainstAQuotedMixedCaseOneIsRefused() {
		appliedUnder(configure().schema("Tenant"));
		CairnException ex = refused("history-15", "`schema(\"tenant\")` against history in the quoted schema"
				+ " `\"Tenant\"`", () -> new Cairn(configure().schema("tenant").build()).migrate());
		assertThat(ex.getMessage()).contains("\"Tenant\".\"cairn_history\" does");
	}

}
