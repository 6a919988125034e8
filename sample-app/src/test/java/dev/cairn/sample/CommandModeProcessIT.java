package dev.cairn.sample;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged sample application run as a separate process with {@code cairn.command}, the
 * way a Kubernetes Job runs it: {@code java -jar cairn-sample-app.jar --cairn.command=...}.
 * Each run must end on its own with the documented exit code (see {@code ExitCode} and
 * src/docs/spring-boot.md), and start no web server. Runs in the integration-test phase, after
 * the jar is packaged.
 */
class CommandModeProcessIT {

	private static Path jar;

	@TempDir
	Path output;

	@BeforeAll
	static void findTheJar() {
		String path = System.getProperty("cairn.sample.jar");
		// Only failsafe knows the jar; a surefire run picking this class up with -Dtest=... skips it.
		assumeTrue(path != null, "runs in the integration-test phase, where failsafe sets cairn.sample.jar");
		jar = Path.of(path);
		assertThat(jar).as("the packaged application").isRegularFile();
	}

	@Test
	void migrateExitsZeroWithoutAWebServer() throws Exception {
		PGSimpleDataSource database = database();
		Run run = run(database, "--cairn.command=migrate");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).contains("Cairn migrate on track 'default': applied 9 migrations in")
			.contains("cairn.command=migrate finished with exit code 0 (success)")
			.doesNotContain("Tomcat started");
		assertThat(versions(database)).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "R:author_shelf#1");
	}

	@Test
	void statusExitsZeroAndPrintsTheTable() throws Exception {
		PGSimpleDataSource database = database();
		assertThat(run(database, "--cairn.command=migrate", "--cairn.target=2").exitCode()).isZero();
		Run run = run(database, "--cairn.command=status");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).containsPattern("Version +Description +Type +State +Applied at")
			.containsPattern("\n  2 +create books +SQL +applied ")
			.containsPattern("\n  3 +\\S.* +pending\n")
			.contains("Rollback order (most recently applied first): 2, 1");
	}

	@Test
	void validateOfADatabaseWithAnUnknownRowExitsTwo() throws Exception {
		PGSimpleDataSource database = database();
		assertThat(run(database, "--cairn.command=migrate").exitCode()).isZero();
		new JdbcTemplate(database).update("INSERT INTO cairn_history (version, description, script, checksum, type,"
				+ " state) VALUES ('2.5', 'ghost', '000002.5_ghost.up.sql', 'abc', 'SQL', 'applied')");
		Run run = run(database, "--cairn.command=validate");
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
		assertThat(run.out()).contains("not valid, 1 problem would stop a migrate run").contains("ERROR UNKNOWN");
	}

	@Test
	void failingMigrationExitsThree(@TempDir Path migrations) throws Exception {
		Files.writeString(migrations.resolve("V1__create_things.sql"), "CREATE TABLE things (id bigint PRIMARY KEY);");
		Files.writeString(migrations.resolve("V2__backfill.sql"), "UPDATE no_such_table SET x = 1;");
		PGSimpleDataSource database = database();
		Run run = run(database, "--cairn.command=migrate", "--cairn.locations=filesystem:" + migrations);
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
		assertThat(run.err()).contains("failed (exit code 3, migration failed)")
			.contains("relation \"no_such_table\" does not exist");
	}

	@Test
	void missingArgumentIsAUsageErrorExitingOne() throws Exception {
		PGSimpleDataSource database = database();
		Run run = run(database, "--cairn.command=rollback");
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
		assertThat(run.out() + run.err()).contains("APPLICATION FAILED TO START")
			.contains("cairn.command=rollback needs cairn.steps");
	}

	@Test
	void unknownCommandIsAUsageErrorExitingOne() throws Exception {
		PGSimpleDataSource database = database();
		Run run = run(database, "--cairn.command=upgrade");
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
		assertThat(run.out() + run.err()).contains("cairn.command");
	}

	@Test
	void unreachableDatabaseExitsFive() throws Exception {
		Run run = run("jdbc:postgresql://127.0.0.1:1/library?user=nobody&connectTimeout=2", "--cairn.command=migrate",
				"--cairn.connect-timeout=0");
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(5);
		assertThat(run.err()).contains("cannot connect to the database");
	}

	private Run run(PGSimpleDataSource database, String... arguments) throws Exception {
		return run(TestDatabase.urlFor(database.getDatabaseName()), arguments);
	}

	private Run run(String url, String... arguments) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-jar");
		command.add(jar.toString());
		command.add("--spring.datasource.url=" + url);
		command.addAll(List.of(arguments));
		Path out = Files.createTempFile(this.output, "out", ".txt");
		Path err = Files.createTempFile(this.output, "err", ".txt");
		Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
			.redirectError(err.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
			.start();
		if (!process.waitFor(180, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException(
					"The application did not exit within 180 s: " + command + "\n" + read(out) + read(err));
		}
		return new Run(process.exitValue(), read(out), read(err));
	}

	private static String read(Path file) throws IOException {
		return Files.readString(file, StandardCharsets.UTF_8);
	}

	private static PGSimpleDataSource database() {
		PGSimpleDataSource created = TestDatabase.createDatabase();
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(TestDatabase.urlFor(created.getDatabaseName()));
		return dataSource;
	}

	private static List<String> versions(PGSimpleDataSource database) {
		return new JdbcTemplate(database).queryForList(
				"SELECT version FROM cairn_history WHERE state = 'applied' ORDER BY applied_order", String.class);
	}

	record Run(int exitCode, String out, String err) {

		@Override
		public String toString() {
			return "exit code " + this.exitCode + "\n--- stdout\n" + this.out + "\n--- stderr\n" + this.err;
		}

	}

}
