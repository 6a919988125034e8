package dev.cairn.test.migrations;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfiguration;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MigrationChecksTests {

	@TempDir
	Path folder;

	private MigrationChecksTests file(String name, String sql) throws IOException {
		Files.writeString(this.folder.resolve(name), sql);
		return this;
	}

	private MigrationChecksTests library() throws IOException {
		return file("000001_books.up.sql", "CREATE TABLE books (id int PRIMARY KEY, title text NOT NULL);")
			.file("000001_books.down.sql", "DROP TABLE books;")
			.file("000002_isbn.up.sql", "ALTER TABLE books ADD COLUMN isbn text; CREATE INDEX books_isbn ON books (isbn);")
			.file("000002_isbn.down.sql", "DROP INDEX books_isbn; ALTER TABLE books DROP COLUMN isbn;")
			.file("000003_mood.up.sql", "CREATE TYPE mood AS ENUM ('sad', 'ok');")
			.file("000003_mood.down.sql", "DROP TYPE mood;");
	}

	private MigrationChecks checks(DataSource dataSource) {
		return MigrationChecks.of(dataSource, (cairn) -> cairn.locations("filesystem:" + this.folder));
	}

	@Test
	void migrationsWhoseDownFilesUndoThemPassBothRoundTrips() throws IOException {
		library();
		assertThatCode(() -> checks(TestDatabase.createDatabase()).assertRoundTrip()).doesNotThrowAnyException();
		assertThatCode(() -> checks(TestDatabase.createDatabase()).assertStepByStep()).doesNotThrowAnyException();
	}

	@Test
	void aDownFileThatLeavesSomethingBehindIsNamedWithTheDifference() throws IOException {
		library().file("000002_isbn.down.sql", "DROP INDEX books_isbn;");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> checks(TestDatabase.createDatabase()).assertStepByStep())
			.withMessageStartingWith("version 2 (000002_isbn.up.sql): its down file did not give back the schema from before it"
					+ " (1 difference, expected against actual):")
			.withMessageContaining("column public.books.isbn: only in actual (text null)");
		// Undoing everything hides it (dropping the table drops the column): why the step-by-step check exists.
		assertThatCode(() -> checks(TestDatabase.createDatabase()).assertRoundTrip()).doesNotThrowAnyException();
	}

	@Test
	void aRoundTripThatLeavesSomethingBehindNamesIt() throws IOException {
		library().file("000003_mood.down.sql", "SELECT 1;");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> checks(TestDatabase.createDatabase()).assertRoundTrip())
			.withMessage("undoing every migration did not give back the schema from before (1 difference, expected against"
					+ " actual):\n  - enum public.mood: only in actual ('sad', 'ok')");
	}

	@Test
	void aDownFileThatFailsNamesTheVersionAndTheServersError() throws IOException {
		library().file("000003_mood.down.sql", "DROP TYPE feeling;");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> checks(TestDatabase.createDatabase()).assertStepByStep())
			.withMessageStartingWith("undoing version 3 (000003_mood.up.sql) failed:")
			.withMessageContaining("feeling");
	}

	@Test
	void aMigrationWithoutADownFileCannotRoundTrip() throws IOException {
		library();
		Files.delete(this.folder.resolve("000003_mood.down.sql"));
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> checks(TestDatabase.createDatabase()).assertStepByStep())
			.withMessage("A round trip needs a down file for every migration; these have none: 000003_mood.up.sql (version 3)");
	}

	@Test
	void theAppliedSetMustEqualTheFiles() throws IOException {
		library();
		DataSource dataSource = TestDatabase.createDatabase();
		new Cairn(CairnConfiguration.builder().dataSource(dataSource).locations("filesystem:" + this.folder).build()).migrate();
		assertThatCode(() -> checks(dataSource).assertAppliedMatchesFiles()).doesNotThrowAnyException();
		file("000004_loans.up.sql", "CREATE TABLE loans (id int);");
		file("000001_books.up.sql", "CREATE TABLE books (id bigint PRIMARY KEY, title text NOT NULL);");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> checks(dataSource).assertAppliedMatchesFiles())
			.withMessageStartingWith("The applied migrations do not match the files")
			.withMessageContaining("000001_books.up.sql (version 1) is drifted")
			.withMessageContaining("000004_loans.up.sql (version 4) is pending");
	}

	@Test
	void anUpgradeFromThePreviousReleaseGivesTheFreshSchema(@TempDir Path previous) throws IOException {
		library();
		for (String name : new String[] { "000001_books.up.sql", "000001_books.down.sql", "000002_isbn.up.sql" }) {
			Files.copy(this.folder.resolve(name), previous.resolve(name));
		}
		assertThatCode(() -> UpgradeCheck.from((cairn) -> cairn.locations("filesystem:" + previous))
			.to((cairn) -> cairn.locations("filesystem:" + this.folder))
			.assertSameSchema(TestDatabase.createDatabase(), TestDatabase.createDatabase())).doesNotThrowAnyException();
	}

	@Test
	void aBranchMergedLateCanGiveUpgradedDatabasesAnotherSchema(@TempDir Path previous) throws IOException {
		// Released: 1 and 3. Now: 2 merged late; 3 changes what exists, so its result depends on the order.
		file("000001_books.up.sql", "CREATE TABLE books (id int);")
			.file("000003_notes.up.sql", "DO $$ BEGIN IF to_regclass('public.loans') IS NOT NULL THEN"
					+ " ALTER TABLE loans ADD COLUMN note text; END IF; END $$;");
		Files.copy(this.folder.resolve("000001_books.up.sql"), previous.resolve("000001_books.up.sql"));
		Files.copy(this.folder.resolve("000003_notes.up.sql"), previous.resolve("000003_notes.up.sql"));
		file("000002_loans.up.sql", "CREATE TABLE loans (id int);");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> UpgradeCheck.from((cairn) -> cairn.locations("filesystem:" + previous))
				.to((cairn) -> cairn.locations("filesystem:" + this.folder))
				.assertSameSchema(TestDatabase.createDatabase(), TestDatabase.createDatabase()))
			.withMessage("the upgraded database's schema differs from a fresh install's (1 difference, expected against"
					+ " actual):\n  - column public.loans.note: only in expected (text null)");
	}

	@Test
	void thePreviousReleaseCanBeAJar(@TempDir Path jars) throws IOException {
		library();
		Path jar = jars.resolve("service-1.0.jar");
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
			for (String name : new String[] { "db/", "db/migrations/" }) {
				out.putNextEntry(new JarEntry(name));
				out.closeEntry();
			}
			for (String name : new String[] { "000001_books.up.sql", "000001_books.down.sql" }) {
				out.putNextEntry(new JarEntry("db/migrations/" + name));
				OutputStream stream = out;
				stream.write(Files.readAllBytes(this.folder.resolve(name)));
				out.closeEntry();
			}
		}
		assertThatCode(() -> UpgradeCheck.fromJar(jar, "classpath:db/migrations")
			.to((cairn) -> cairn.locations("filesystem:" + this.folder))
			.assertSameSchema(TestDatabase.createDatabase(), TestDatabase.createDatabase())).doesNotThrowAnyException();
	}

}
