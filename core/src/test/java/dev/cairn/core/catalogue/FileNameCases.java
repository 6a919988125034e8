package dev.cairn.core.catalogue;

import dev.cairn.test.Sql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.cairn.core.CairnException;
import dev.cairn.core.CairnValidationException;
import dev.cairn.core.MigrateResult;
import dev.cairn.core.Problem;
import dev.cairn.core.ValidationResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * File names and layouts: collisions, orphans, names that parse as neither layout.
 */
abstract class FileNameCases extends CatalogueCases {

	@Test
	void oneVersionInBothLayoutsIsRefusedNamingBothFiles() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);").write("V1__b.sql", "CREATE TABLE b (id int);");
		CairnException ex = refused("names-01", "`000001_a.up.sql` and `V1__b.sql`: version 1 in both layouts",
				() -> cairn().migrate());
		assertThat(ex.getMessage()).contains("000001_a.up.sql", "V1__b.sql", "version 1", "rename one of them");
	}

	@Test
	void versionsThatAreEqualNumericallyCollide() {
		write("V1__a.sql", "CREATE TABLE a (id int);").write("V1.0__b.sql", "CREATE TABLE b (id int);");
		CairnException ex = refused("names-02", "`V1__a.sql` and `V1.0__b.sql`: 1 and 1.0 are the same version",
				() -> cairn().migrate());
		assertThat(ex.getMessage()).contains("V1__a.sql", "V1.0__b.sql", "rename one of them");
	}

	@Test
	void versionsCollideAcrossSubfolders() {
		write("2024/000003_a.up.sql", "CREATE TABLE a (id int);").write("2025/000003_b.up.sql", "CREATE TABLE b (id int);");
		CairnException ex = refused("names-03", "`2024/000003_a.up.sql` and `2025/000003_b.up.sql`: same version in"
				+ " two sub-folders", () -> cairn().migrate());
		assertThat(ex.getMessage()).contains("2024/000003_a.up.sql", "2025/000003_b.up.sql");
	}

	@Test
	void twoDownFilesForOneVersionAreRefused() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);").write("000001_a.down.sql", "DROP TABLE a;")
			.write("U1__a.sql", "DROP TABLE a;");
		CairnException ex = refused("names-04", "`000001_a.down.sql` and `U1__a.sql`: two down files for version 1",
				() -> cairn().migrate());
		assertThat(ex.getMessage()).contains("000001_a.down.sql", "U1__a.sql", "undone by 2 files");
	}

	@Test
	void golangMigrateDownFileWithoutItsUpFileIsRefused() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);").write("000002_b.down.sql", "DROP TABLE b;");
		CairnException ex = refused("names-05", "`000002_b.down.sql` without `000002_b.up.sql`", () -> cairn().migrate());
		assertThat(ex.getMessage()).contains("000002_b.down.sql", "add the up file or delete this one");
	}

	@Test
	void flywayUndoFileWithoutItsVersionedFileIsRefused() {
		write("V1__a.sql", "CREATE TABLE a (id int);").write("U2__b.sql", "DROP TABLE b;");
		CairnException ex = refused("names-06", "`U2__b.sql` without `V2__b.sql`", () -> cairn().migrate());
		assertThat(ex.getMessage()).contains("U2__b.sql", "add the up file or delete this one");
	}

	@ParameterizedTest(name = "{1}")
	@CsvSource(delimiter = ';', textBlock = """
			names-07; add_stuff.sql; neither layout
			names-08; 000003_x.sql; end in .up.sql or .down.sql
			names-09; V3_x.sql; two underscores after the version
			names-10; v3__x.sql; prefixes are upper case
			names-11; 1.2_x.up.sql; neither layout
			""")
	void unparseableNameIsRefusedSayingWhatTheNameShouldLookLike(String id, String name, String advice) {
		write("000001_a.up.sql", "CREATE TABLE a (id int);").write(name, "CREATE TABLE x (id int);");
		CairnException ex = refused(id, "`" + name + "`: a `.sql` file whose name is neither layout",
				() -> cairn().migrate());
		assertThat(ex.getMessage()).contains(name, advice);
	}

	@ParameterizedTest(name = "{1}")
	@CsvSource(delimiter = ';', textBlock = """
			names-12; 99999999999999999999_big.up.sql
			names-13; V1.99999999999999999999__big.sql
			""")
	void versionTooLargeForALongIsRefused(String id, String name) {
		write(name, "CREATE TABLE big (id int);");
		CairnException ex = refused(id, "`" + name + "`: a version part larger than 2^63-1", () -> cairn().migrate());
		assertThat(ex.getMessage()).contains(name, "larger than 9223372036854775807", "64-bit");
	}

	@ParameterizedTest(name = "{1}")
	@CsvSource(delimiter = ';', textBlock = """
			names-14; 000004.up.sql
			names-15; V4__.sql
			names-16; 000004___.up.sql
			""")
	void nameWithoutDescriptionIsRefused(String id, String name) {
		write(name, "CREATE TABLE d (id int);");
		CairnException ex = refused(id, "`" + name + "`: no description", () -> cairn().migrate());
		assertThat(ex.getMessage()).contains(name, "no description", "add one after the version");
	}

	@Test
	void repeatableFileIsAppliedAfterTheVersionedOnes() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);").write("R__views.sql", "CREATE VIEW v AS SELECT 1 AS one;");
		MigrateResult result = accepted("names-17", "`R__views.sql`: a Flyway repeatable file",
				"accepted; applied after the versioned migrations (see migration-files.md)", () -> cairn().migrate());
		assertThat(result.warnings()).isEmpty();
		assertThat(Sql.tableExists(database(), "public.v")).isTrue();
		assertThat(history()).containsExactly("1 applied 000001_a.up.sql", "R:views#1 applied R__views.sql");
	}

	@Test
	void filesThatAreNotMigrationsAreIgnored() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);").write("README.md", "# notes")
			.write(".gitkeep", "")
			.write(".000002_hidden.up.sql", "CREATE TABLE hidden (id int);")
			.write("seed.csv", "1,2");
		accepted("names-18", "`README.md`, `.gitkeep`, `seed.csv` and a hidden `.000002_hidden.up.sql` next to"
				+ " migrations", "accepted; the other files are ignored", () -> cairn().migrate());
		assertThat(history()).containsExactly("1 applied 000001_a.up.sql");
		assertThat(Sql.tableExists(database(), "public.hidden")).isFalse();
	}

	@Test
	void threeDifferentFileProblemsAreReportedInOneRun() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);").write("V1__also_one.sql", "CREATE TABLE a2 (id int);")
			.write("000002_b.down.sql", "DROP TABLE b;")
			.write("add_stuff.sql", "SELECT 1;");
		CairnException ex = refused("names-19", "a collision, an orphan down file and an unparseable name in one"
				+ " folder", () -> cairn().migrate());
		assertThat(ex).isInstanceOfSatisfying(CairnValidationException.class,
				(validation) -> assertThat(validation.problems()).extracting(Problem::kind)
					.containsExactlyInAnyOrder(Problem.Kind.DUPLICATE_VERSION, Problem.Kind.ORPHAN_DOWN,
							Problem.Kind.UNPARSEABLE_NAME));
		assertThat(ex.getMessage()).contains("3 problems", "000001_a.up.sql", "V1__also_one.sql", "000002_b.down.sql",
				"add_stuff.sql");
	}

	@Test
	void validateReportsFileProblemsAndScriptProblemsTogether() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);").write("add_stuff.sql", "SELECT 1;")
			.write("000002_b.up.sql", "SELECT 'oops;\n")
			.write("000003_c.down.sql", "DROP TABLE c;");
		// migrate stops at the file problems before it reads history; validate compares with history and reports all.
		ValidationResult result = validated("names-20", "an unparseable name, an orphan down file and an unterminated"
				+ " string, checked with `validate()`", () -> cairn().validate());
		assertThat(result.isValid()).isFalse();
		assertThat(result.problems()).extracting(Problem::kind)
			.containsExactlyInAnyOrder(Problem.Kind.UNPARSEABLE_NAME, Problem.Kind.ORPHAN_DOWN, Problem.Kind.INVALID_SCRIPT);
		assertThat(result.problems()).extracting(Problem::message)
			.anySatisfy((message) -> assertThat(message).contains("add_stuff.sql"))
			.anySatisfy((message) -> assertThat(message).contains("000003_c.down.sql"))
			.anySatisfy((message) -> assertThat(message).contains("000002_b.up.sql:1:", "unterminated"));
	}

}
