package dev.cairn.test.migrations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The previous release read from a git revision of the migrations folder: a repository made
 * in the test, with release 1 tagged and release 2 in the working tree.
 */
class UpgradeFromGitTests {

	private static final String FOLDER = "src/main/resources/db/migrations";

	@TempDir
	Path repository;

	private Path migrations;

	@BeforeEach
	void release1() throws Exception {
		assumeThat(run(this.repository, "git", "--version")).as("git is installed").isZero();
		this.migrations = Files.createDirectories(this.repository.resolve(FOLDER));
		write("000001_books.up.sql", "CREATE TABLE books (id int PRIMARY KEY, title text);");
		write("000001_books.down.sql", "DROP TABLE books;");
		git("init", "-q");
		git("add", ".");
		git("commit", "-q", "-m", "release 1");
		git("tag", "release-1");
	}

	private void write(String name, String sql) throws IOException {
		Files.writeString(this.migrations.resolve(name), sql, StandardCharsets.UTF_8);
	}

	private void git(String... arguments) throws Exception {
		List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Cairn Test", "-c",
				"user.email=test@cairn.invalid", "-c", "commit.gpgsign=false"));
		command.addAll(List.of(arguments));
		assertThat(run(this.repository, command.toArray(String[]::new))).as(String.join(" ", command)).isZero();
	}

	private static int run(Path directory, String... command) throws Exception {
		Process process = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		return process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1;
	}

	private UpgradeCheck upgradeFrom(String revision) {
		return UpgradeCheck.fromGit(this.repository, revision, FOLDER)
			.to((cairn) -> cairn.locations("filesystem:" + this.migrations));
	}

	@Test
	void anUpgradeFromATaggedReleaseGivesTheFreshSchema() throws Exception {
		write("000002_isbn.up.sql", "ALTER TABLE books ADD COLUMN isbn text;");
		assertThatCode(() -> upgradeFrom("release-1").assertSameSchema(TestDatabase.createDatabase(),
				TestDatabase.createDatabase()))
			.doesNotThrowAnyException();
	}

	@Test
	void aReleasedFileEditedSinceFailsTheUpgradeAsDrift() throws Exception {
		write("000001_books.up.sql", "CREATE TABLE books (id int PRIMARY KEY, title text NOT NULL);");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> upgradeFrom("release-1").assertSameSchema(TestDatabase.createDatabase(),
					TestDatabase.createDatabase()))
			.withMessageStartingWith("upgrading to the current migrations failed")
			.withMessageContaining("000001_books.up.sql");
	}

	@Test
	void theWorkingTreeIsLeftAsItWas() throws Exception {
		write("000002_isbn.up.sql", "ALTER TABLE books ADD COLUMN isbn text;");
		UpgradeCheck.fromGit(this.repository.resolve("src"), "release-1", FOLDER);
		assertThat(this.migrations.resolve("000002_isbn.up.sql")).exists();
		assertThat(this.repository.resolve(".git/index.lock")).doesNotExist();
	}

	@Test
	void anUnknownRevisionSaysHowToFetchIt() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> UpgradeCheck.fromGit(this.repository, "release-0", FOLDER))
			.withMessageContaining("git does not know the revision 'release-0'")
			.withMessageContaining("fetch-depth: 0");
	}

	@Test
	void aFolderThatDidNotExistAtTheRevisionIsNamed() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> UpgradeCheck.fromGit(this.repository, "release-1", "db/migrations"))
			.withMessageContaining("the folder db/migrations held no files at release-1");
	}

	@Test
	void optionLikeRevisionsAndFoldersOutsideTheRepositoryAreRefused() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> UpgradeCheck.fromGit(this.repository, "--output=/tmp/x", FOLDER))
			.withMessageContaining("is not a git revision");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> UpgradeCheck.fromGit(this.repository, "release-1", "../elsewhere"))
			.withMessageContaining("is not a folder inside the repository");
	}

	@Test
	void aFolderOutsideAnyRepositoryIsNamed(@TempDir Path plain) {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> UpgradeCheck.fromGit(plain, "release-1", FOLDER))
			.withMessageContaining("is not inside a git repository");
	}

}
